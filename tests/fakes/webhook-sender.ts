/**
 * Meta's webhook sender, reduced to what the fakes need (PLATFORMS.md 0.3 / 0.4): serialise a
 * payload in Meta's escaped JSON, sign those exact bytes (`X-Hub-Signature-256`, plus the legacy
 * SHA-1 header), POST them, and retry with exponential backoff until an attempt gets exactly 200.
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

export interface SignedWebhook {
  url: string;
  /** The exact bytes sent (Meta-escaped JSON, ASCII only). */
  body: string;
  /** `sha256=<hex>`, sent as X-Hub-Signature-256. */
  signature: string;
  /** `sha1=<hex>`, sent as the legacy X-Hub-Signature. */
  legacySignature: string;
  attempts: WebhookAttempt[];
  /** True once an attempt got a 200. */
  ok: boolean;
  /** Status of the last attempt (undefined before any, or when it never got an answer). */
  status?: number;
}

export interface WebhookRetryPolicy {
  /** Attempts in total (default 3). Meta retries non-200 answers with the same bytes. */
  attempts?: number;
  /** Delay before the first retry (default 100 ms); each later retry waits `backoff` times longer. */
  retryDelayMs?: number;
  /** Backoff multiplier (default 2). */
  backoff?: number;
  /** Meta gives up on one call after 20 s (default 20 000). */
  timeoutMs?: number;
  /** Aborts waits and requests, e.g. when the fake stops. */
  signal: AbortSignal;
}

/** Serialises (unless given a string) and signs a payload the way Meta does; nothing is sent yet. */
export function signWebhook(url: string, payload: unknown, appSecret: string): SignedWebhook {
  const body = typeof payload === 'string' ? payload : metaJsonStringify(payload);
  return {
    url,
    body,
    signature: signMetaBody(body, appSecret),
    legacySignature: `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
    attempts: [],
    ok: false,
  };
}

/** POSTs the signed bytes, retrying with backoff; records every attempt on `delivery`. */
export async function postSignedWebhook(delivery: SignedWebhook, policy: WebhookRetryPolicy): Promise<void> {
  const attempts = Math.max(1, policy.attempts ?? 3);
  let delay = policy.retryDelayMs ?? 100;
  for (let i = 0; i < attempts && !policy.signal.aborted; i++) {
    if (i > 0) {
      await sleep(delay, policy.signal).catch(() => undefined);
      delay *= policy.backoff ?? 2;
      if (policy.signal.aborted) break;
    }
    const started = Date.now();
    try {
      const response = await fetch(delivery.url, {
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
      delivery.status = response.status;
      // Meta wants exactly 200; anything else counts as a failure and is retried.
      if (response.status === 200) {
        delivery.ok = true;
        return;
      }
    } catch (error) {
      delivery.status = undefined;
      delivery.attempts.push({ error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
    }
  }
}
