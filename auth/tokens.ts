import { createHash, randomBytes } from 'node:crypto';

/** A random secret in a URL- and header-safe alphabet. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to keep the stored form useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new API key: the secret, shown once, and what is stored of it (its hash and first characters). */
export function newApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = 'chk_' + randomToken(24);
  return { key, keyHash: hashToken(key), prefix: key.slice(0, 8) };
}
