import * as crypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';

/** A random secret in a URL- and header-safe alphabet. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Tokens are high-entropy, so a plain SHA-256 is enough to keep the stored form useless. */
export function hashToken(token: string): string {
  // every request hashes its credentials (the viewer cache is keyed by the hash): the one-shot
  // crypto.hash (Node 20.12+) takes a fifth of the time of a Hash object
  return oneShot ? oneShot('sha256', token, 'hex') : createHash('sha256').update(token).digest('hex');
}

/** A new API key: the secret, shown once, and what is stored of it (its hash and first characters). */
export function newApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = 'chk_' + randomToken(24);
  return { key, keyHash: hashToken(key), prefix: key.slice(0, 8) };
}
