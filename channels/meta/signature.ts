import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256` against the raw request bytes. Never pass a re-serialised body:
 * Meta signs its own escaped JSON (see meta-json.ts), which JSON.stringify does not reproduce.
 */
export function verifyMetaSignature(
  rawBody: Uint8Array,
  header: string | null | undefined,
  appSecret: string,
): boolean {
  // An empty secret would make the HMAC computable by anyone.
  if (typeof header !== 'string' || !appSecret) return false;
  const match = SIGNATURE_HEADER.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The full `X-Hub-Signature-256` value Meta would send for these bytes (strings are UTF-8). */
export function signMetaBody(rawBody: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export type MetaHandshakeResult = { ok: true; challenge: string } | { ok: false };

/**
 * The GET Meta sends when a callback URL is saved. On `ok`, answer 200 with `challenge` as the
 * plain-text body; otherwise answer 403.
 */
export function verifyMetaHandshake(params: URLSearchParams, verifyToken: string): MetaHandshakeResult {
  const mode = params.get('hub.mode');
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');
  if (mode !== 'subscribe' || !challenge || token === null || !verifyToken) return { ok: false };
  return sameSecret(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}

// Hashing first gives equal-length buffers, so the comparison leaks neither content nor length.
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
