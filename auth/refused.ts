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
 * Remembered a little longer than the refusal itself, as flooding (see `flooding`).
 */
export interface RefusedCredentials {
  note(gateKey: string, untilMs: number): void;
  /** Epoch ms until which these credentials are refused, or null. */
  until(gateKey: string): number | null;
  /** True when these credentials were refused within the last `FLOODING_MS`: their operations yield to everyone else's (auth/priority.ts). */
  flooding(gateKey: string): boolean;
}

/** How long credentials count as flooding after their last refusal. */
export const FLOODING_MS = 5000;

export function createRefusedCredentials(max = 10_000): RefusedCredentials {
  const refused = new Map<string, { until: number; at: number }>();
  return {
    note(gateKey, untilMs) {
      const now = Date.now();
      if (refused.size >= max && !refused.has(gateKey)) {
        for (const [key, entry] of refused) if (entry.at + FLOODING_MS <= now && entry.until <= now) refused.delete(key);
        if (refused.size >= max) refused.clear();
      }
      refused.set(gateKey, { until: untilMs, at: now });
    },
    until(gateKey) {
      const entry = refused.get(gateKey);
      return entry && entry.until > Date.now() ? entry.until : null;
    },
    flooding(gateKey) {
      const entry = refused.get(gateKey);
      return !!entry && entry.at + FLOODING_MS > Date.now();
    },
  };
}

/** What a request's refusal is noted under: its API key's or session token's hash, else its client address. */
export function gateKeyOf(credentials: Credentials, address: string | null | undefined): string {
  return credentialKey(credentials) ?? `address:${addressBucket(address)}`;
}
