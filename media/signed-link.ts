import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived links to one of our outbound files, for platforms that only take a URL and fetch
 * the file themselves (Instagram). `/api/media/<id>?exp=<unix seconds>&sig=<hmac>` is served
 * without a session while it has not expired; nothing else about the link is guessable.
 *
 * The key is derived from META_APP_SECRET: Instagram needs a Meta app anyway, every process of
 * one installation shares it, and the derivation keeps the two uses apart.
 */
export const MEDIA_LINK_TTL_SECONDS = 60 * 60;

const LABEL = 'chats/media-link/v1';

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update(LABEL).digest();
}

function signature(secret: string, attachmentId: string, expiresAt: number): string {
  return createHmac('sha256', key(secret)).update(`${attachmentId}.${expiresAt}`).digest('base64url');
}

/** The path and query of a link valid for `ttlSeconds`; prefix it with PUBLIC_URL. */
export function signedMediaPath(secret: string, attachmentId: string, now = Date.now(), ttlSeconds = MEDIA_LINK_TTL_SECONDS): string {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return `/api/media/${attachmentId}?exp=${exp}&sig=${signature(secret, attachmentId, exp)}`;
}

/** True when `exp`/`sig` were made by `signedMediaPath` for this attachment and have not expired. */
export function verifyMediaLink(secret: string, attachmentId: string, exp: string | null, sig: string | null, now = Date.now()): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const expiresAt = Number(exp);
  if (expiresAt * 1000 < now) return false;
  const expected = Buffer.from(signature(secret, attachmentId, expiresAt));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
