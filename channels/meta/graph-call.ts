import { createHmac } from 'node:crypto';
import { parseGraphError } from './graph-error';
import { graphRequest } from './graph-request';

export interface GraphCallConfig {
  /** Graph base including the version, e.g. `https://graph.facebook.com/v24.0`. */
  graphUrl: string;
  accessToken: string;
  /**
   * How the token travels: in the query with `appsecret_proof` (Pages, Instagram, Facebook Login;
   * the default) or as `Authorization: Bearer` (the WhatsApp Cloud API).
   */
  bearer?: boolean;
  /** When set (query tokens only), every call carries `appsecret_proof`. */
  appSecret?: string;
  fetch?: typeof fetch;
  /** Per call; default 15 s. */
  timeoutMs?: number;
  /** The least an upload (a FormData body) is given; default 120 s. */
  uploadTimeoutMs?: number;
  /** Who we are talking to, for "could not reach …"; default "Meta". */
  platform?: string;
  /** Turns Meta's error answer into the caller's typed error; default `parseGraphError`. */
  toError?(status: number, body: unknown, retryAfter: string | null): Error;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const UPLOAD_TIMEOUT_MS = 120_000;

/** One Graph API call for every Meta platform: the URL, the token, the timeouts and the typed error. */
export async function graphCall(
  cfg: GraphCallConfig,
  method: 'GET' | 'POST',
  path: string,
  query: Record<string, string>,
  json?: unknown,
): Promise<unknown> {
  const url = new URL(`${cfg.graphUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  if (!cfg.bearer) {
    url.searchParams.set('access_token', cfg.accessToken);
    if (cfg.appSecret) url.searchParams.set('appsecret_proof', createHmac('sha256', cfg.appSecret).update(cfg.accessToken).digest('hex'));
  }
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return graphRequest({
    url,
    method,
    headers: cfg.bearer ? { authorization: `Bearer ${cfg.accessToken}` } : undefined,
    body: json,
    timeoutMs: json instanceof FormData ? Math.max(timeoutMs, cfg.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS) : timeoutMs,
    fetch: cfg.fetch,
    platform: cfg.platform ?? 'Meta',
    // a token in the URL must never show up in an error text
    secret: cfg.bearer ? undefined : cfg.accessToken,
    toError: cfg.toError ?? parseGraphError,
  });
}
