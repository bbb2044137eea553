/**
 * Meta's webhook sender, reduced to what the fakes need (PLATFORMS.md 0.3 / 0.4): serialise a
 * payload in Meta's escaped JSON, sign those exact bytes (`X-Hub-Signature-256`, plus the legacy
 * SHA-1 header), POST them, and retry with backoff until an attempt is accepted (exactly 200 by
 * default). Also Meta's GET verification handshake, and the "unsubscribe after failures" count.
 *
 *   const delivery = signWebhook(url, { object: 'instagram', entry }, appSecret);
 *   await postSignedWebhook(delivery, { attempts: 3, retryDelayMs: 100, signal });
 *   delivery.ok; delivery.status; delivery.attempts;
 */
import { createHmac } from 'node:crypto';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { signMetaBody } from '../../channels/meta/signature';
import { sleep } from './fake-utils';

export interface WebhookAttempt {
  /** HTTP status of the answer; absent when the attempt failed at the network level or timed out. */
  status?: number;
  error?: string;
  durationMs: number;
}

/** The exact bytes of a webhook and their signatures. */
export interface SignedBody {
  /** The exact bytes sent (Meta-escaped JSON, ASCII only). */
  body: string;
  /** `sha256=<hex>`, sent as X-Hub-Signature-256. */
  signature: string;
  /** `sha1=<hex>`, sent as the legacy X-Hub-Signature. */
  legacySignature: string;
}

/** What `postSignedWebhook` sends and where it records the outcome. */
export interface OutgoingWebhook extends SignedBody {
  url?: string;
  attempts: WebhookAttempt[];
  /** True once an attempt was accepted. */
  ok: boolean;
  /** Status of the last attempt, kept only when the policy's `recordStatus` is on. */
  status?: number;
}

export interface SignedWebhook extends OutgoingWebhook {
  url: string;
  /** Status of the last attempt (undefined before any, or when it never got an answer). */
  status?: number;
}

export interface WebhookRetryPolicy {
  /** Attempts in total (default 3). Meta retries non-200 answers with the same bytes. */
  attempts?: number;
  /** Delay before the first retry (default 100 ms); each later retry waits `backoff` times longer. */
  retryDelayMs?: number;
  /** Backoff multiplier (default 2; 1 waits `retryDelayMs` every time). */
  backoff?: number;
  /** Meta gives up on one call after 20 s (default 20 000). */
  timeoutMs?: number;
  /** Aborts waits and requests, e.g. when the fake stops. */
  signal: AbortSignal;
  /** Which answers count as delivered (default: exactly 200, as Messenger and Instagram want; WhatsApp takes any 2xx). */
  accept?: (status: number) => boolean;
  /**
   * When `signal` aborts during the wait before a retry, still make (and record) that attempt,
   * which then fails as aborted. Default false: stop without it.
   */
  attemptAfterAbortedWait?: boolean;
  /** Keep the last attempt's status on `delivery.status` (default true). */
  recordStatus?: boolean;
}

/** Serialises (unless given a string) and signs a payload the way Meta does. */
export function signPayload(payload: unknown, appSecret: string): SignedBody {
  const body = typeof payload === 'string' ? payload : metaJsonStringify(payload);
  return {
    body,
    signature: signMetaBody(body, appSecret),
    legacySignature: `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
  };
}

/** Serialises (unless given a string) and signs a payload the way Meta does; nothing is sent yet. */
export function signWebhook(url: string, payload: unknown, appSecret: string): SignedWebhook {
  return { url, ...signPayload(payload, appSecret), attempts: [], ok: false };
}

const exactly200 = (status: number) => status === 200;

/** POSTs the signed bytes, retrying with backoff; records every attempt on `delivery`. */
export async function postSignedWebhook(delivery: OutgoingWebhook, policy: WebhookRetryPolicy): Promise<void> {
  const attempts = Math.max(1, policy.attempts ?? 3);
  const accept = policy.accept ?? exactly200;
  const recordStatus = policy.recordStatus ?? true;
  let delay = policy.retryDelayMs ?? 100;
  for (let i = 0; i < attempts && !policy.signal.aborted; i++) {
    if (i > 0) {
      await sleep(delay, policy.signal).catch(() => undefined);
      delay *= policy.backoff ?? 2;
      if (policy.signal.aborted && !policy.attemptAfterAbortedWait) break;
    }
    const started = Date.now();
    try {
      const response = await fetch(delivery.url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': delivery.signature,
          'x-hub-signature': delivery.legacySignature,
        },
        body: delivery.body,
        signal: AbortSignal.any([policy.signal, AbortSignal.timeout(policy.timeoutMs ?? 20_000)]),
      });
      await response.arrayBuffer();
      delivery.attempts.push({ status: response.status, durationMs: Date.now() - started });
      if (recordStatus) delivery.status = response.status;
      // Anything not accepted counts as a failure and is retried.
      if (accept(response.status)) {
        delivery.ok = true;
        return;
      }
    } catch (error) {
      if (recordStatus) delivery.status = undefined;
      delivery.attempts.push({ error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
    }
  }
}

/** The webhook settings the Meta fakes take. */
export interface WebhookSenderOptions {
  /** Attempts per webhook delivery (Meta retries answers it does not accept with the same bytes). Default 3. */
  webhookAttempts?: number;
  /** Delay before a retry (default 100 ms). */
  webhookRetryDelayMs?: number;
  /** Meta gives up on a webhook call after 20 s. */
  webhookTimeoutMs?: number;
}

/** A fake's webhook settings as a retry policy, plus its own rules (`extra`). */
export function retryPolicy(options: WebhookSenderOptions, signal: AbortSignal, extra: Partial<WebhookRetryPolicy> = {}): WebhookRetryPolicy {
  return { attempts: options.webhookAttempts, retryDelayMs: options.webhookRetryDelayMs, timeoutMs: options.webhookTimeoutMs, signal, ...extra };
}

/** Posts a fake's deliveries with one policy, and can send an earlier one again as a new delivery in its log. */
export function createWebhookOutbox<D extends OutgoingWebhook>(log: D[], policy: WebhookRetryPolicy, afterPost?: (delivery: D) => void) {
  async function post(delivery: D): Promise<void> {
    await postSignedWebhook(delivery, policy);
    afterPost?.(delivery);
  }
  return {
    post,
    /**
     * Logs `delivery` and posts it unless `send` is false; also how an earlier delivery's exact
     * bytes and signatures go out again (its outcome reset), for at-least-once delivery.
     */
    async deliver(delivery: D, send = true): Promise<D> {
      log.push(delivery);
      if (send) await post(delivery);
      return delivery;
    },
  };
}

/** Performs Meta's GET verification handshake against a webhook URL; `who` names the fake when there is none. */
export async function verifyWebhookUrl(
  target: string | undefined,
  verifyToken: string,
  options: { timeoutMs?: number; who: string },
): Promise<{ ok: boolean; status: number; body: string; challenge: string }> {
  if (!target) throw new Error(`${options.who}: no webhookUrl configured`);
  const challenge = String(Math.floor(Math.random() * 2_000_000_000));
  const url = new URL(target);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
  const body = await response.text();
  return { ok: response.status === 200 && body === challenge, status: response.status, body, challenge };
}

/**
 * Meta drops an app's subscription after deliveries keep failing: counts consecutive failed
 * deliveries per subscriber (a page, keyed by `keyOf`) and calls `unsubscribe` once one reaches `limit`.
 */
export function createDeliveryHealth<T = string>(
  limit: number | undefined,
  unsubscribe: (subscriber: T) => void,
  keyOf: (subscriber: T) => string = String,
) {
  const consecutiveFailures = new Map<string, number>();
  return {
    /** One delivery's outcome, for each subscriber it concerned (each once). */
    note(subscribers: Iterable<T>, ok: boolean): void {
      for (const subscriber of subscribers) {
        const key = keyOf(subscriber);
        const count = ok ? 0 : (consecutiveFailures.get(key) ?? 0) + 1;
        consecutiveFailures.set(key, count);
        if (limit !== undefined && count >= limit) unsubscribe(subscriber);
      }
    },
    /** Subscribing again starts the count over. */
    reset(key: string): void {
      consecutiveFailures.delete(key);
    },
  };
}
