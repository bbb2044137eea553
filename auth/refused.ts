import { addressBucket } from './client-address';
import { credentialKey, type Credentials } from './viewer';

/**
 * Who is over a rate limit right now, and until when, as this process last heard it from its
 * limiter: so the HTTP layer can turn the same credentials away again before Yoga, before the body
 * is read and before the credentials are looked up. Only a refusal by the limiter itself is noted
 * (never a full in-flight queue), and only until that limiter's window ends, so nobody is refused
 * here who the limiter would let through.
 *
 * Noted by what a request carries, not by who it turned out to be: the hash of the API key or the
 * session token, or the client address when it carries neither (the same hashes the viewer cache
 * uses). Bounded: at most `max` entries; when full, the expired ones go, and if none has, all.
 */
export interface RefusedCredentials {
  note(gateKey: string, untilMs: number): void;
  /** Epoch ms until which these credentials are refused, or null. */
  until(gateKey: string): number | null;
}

export function createRefusedCredentials(max = 10_000): RefusedCredentials {
  const refused = new Map<string, number>();
  return {
    note(gateKey, untilMs) {
      if (refused.size >= max && !refused.has(gateKey)) {
        const now = Date.now();
        for (const [key, until] of refused) if (until <= now) refused.delete(key);
        if (refused.size >= max) refused.clear();
      }
      refused.set(gateKey, untilMs);
    },
    until(gateKey) {
      const until = refused.get(gateKey);
      if (until === undefined) return null;
      if (until > Date.now()) return until;
      refused.delete(gateKey);
      return null;
    },
  };
}

/** What a request's refusal is noted under: its API key's or session token's hash, else its client address. */
export function gateKeyOf(credentials: Credentials, address: string | null | undefined): string {
  return credentialKey(credentials) ?? `address:${addressBucket(address)}`;
}
