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
  /**
   * A refusal by the limiter. Credentials that were refused already (they came back before their
   * Retry-After) count against themselves: `strike` is called, once per refusal, and when it answers
   * a block they are refused until its end.
   */
  note(gateKey: string, untilMs: number, strike?: Strike): void;
  /** Epoch ms until which these credentials are refused, or null. */
  until(gateKey: string): number | null;
  /** The same for a request the gate is about to refuse: it came back before its Retry-After, a strike. */
  cameBack(gateKey: string): number | null;
  /** True when these credentials were refused within the last `FLOODING_MS`: their operations yield to everyone else's (auth/priority.ts). */
  flooding(gateKey: string): boolean;
}

/** Counts a strike against the credentials (Limit.strike); answers the epoch ms they are blocked until, or null. Never rejects. */
export type Strike = () => Promise<number | null>;

/** How long credentials count as flooding after their last refusal. */
export const FLOODING_MS = 5000;

export function createRefusedCredentials(max = 10_000): RefusedCredentials {
  const refused = new Map<string, { until: number; at: number; strike?: Strike }>();
  const live = (gateKey: string) => {
    const entry = refused.get(gateKey);
    return entry && entry.until > Date.now() ? entry : null;
  };
  /** One strike per refusal at most: the first time the credentials come back before its end. */
  const cameBack = (entry: { until: number; strike?: Strike }) => {
    const { strike } = entry;
    if (!strike) return;
    entry.strike = undefined;
    void strike().then((blockedUntil) => {
      if (blockedUntil !== null) entry.until = Math.max(entry.until, blockedUntil);
    });
  };
  return {
    note(gateKey, untilMs, strike) {
      const now = Date.now();
      const earlier = live(gateKey);
      if (earlier) {
        cameBack(earlier);
        earlier.until = Math.max(earlier.until, untilMs);
        earlier.at = now;
        return;
      }
      if (refused.size >= max && !refused.has(gateKey)) {
        for (const [key, entry] of refused) if (entry.at + FLOODING_MS <= now && entry.until <= now) refused.delete(key);
        if (refused.size >= max) refused.clear();
      }
      refused.set(gateKey, { until: untilMs, at: now, strike });
    },
    until(gateKey) {
      return live(gateKey)?.until ?? null;
    },
    cameBack(gateKey) {
      const entry = live(gateKey);
      if (!entry) return null;
      cameBack(entry);
      return entry.until;
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
