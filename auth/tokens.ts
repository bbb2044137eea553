import { createHash, randomBytes } from 'node:crypto';

/** A random secret in a URL- and header-safe alphabet. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to keep the stored form useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
