import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { rateLimitedBody, rateLimitedHeaders, secondsUntil } from '../auth/rate-limits';
import { gateKeyOf, type RefusedCredentials } from '../auth/refused';
import { CORS_EXPOSED_HEADERS } from '../lib/security/headers';

/**
 * In front of Yoga on /api/graphql: credentials the rate limit has already refused in this window
 * are turned away again here, from the request's headers alone: no body read, no Fetch Request
 * built, no database look-up of the key, no Yoga. The first refusal of a window is Yoga's own
 * (graphql/rate-limits.ts), answered at once, and notes the credentials (auth/refused.ts).
 *
 * A request that comes back before the Retry-After it was given is held, not answered at once: its
 * 429 is sent when the window ends (at most `holdMs` later). A client that waits for each answer
 * before sending the next (a script in a loop, a pool of connections) then costs one cheap refusal
 * per connection per window instead of as many as it can send. At most `holdSockets` answers are
 * held at once in the process (each a socket the client opened anyway, and a timer); beyond that
 * they are answered at once. A client that never waits for answers is not slowed by holding them:
 * it only meets the cheap refusal (see docs/decisions/027).
 */
export interface RateLimitGateOptions {
  /** Answers held at once at most (0: never hold). */
  holdSockets: number;
  /** Longest hold of one answer. */
  holdMs: number;
  /** Origins that get CORS headers on the 429, as Yoga gives them (CORS_ORIGINS). */
  corsOrigins: string[];
}

export const GATE_HOLD_SOCKETS = 1000;
export const GATE_HOLD_MS = 1000;

export interface RateLimitGate {
  /** True when the request was answered here (refused); false: pass it on to Yoga. */
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** Answers held right now. */
  held(): number;
}

export function createRateLimitGate(refused: RefusedCredentials, options: Partial<RateLimitGateOptions> = {}): RateLimitGate {
  const { holdSockets = GATE_HOLD_SOCKETS, holdMs = GATE_HOLD_MS, corsOrigins = [] } = options;
  let held = 0;

  const refuse = (req: IncomingMessage, res: ServerResponse, until: number) => {
    const retryAfter = secondsUntil(until);
    const body = rateLimitedBody(retryAfter);
    res.writeHead(429, { ...rateLimitedHeaders(retryAfter), ...corsHeaders(req, corsOrigins), 'content-length': Buffer.byteLength(body) });
    // the body, if any, is not read: node discards it after the answer to keep the connection
    res.end(body);
  };

  const gate = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method === 'OPTIONS') return false;
    const gateKey = gateKeyOf({ authorization: header(req, 'authorization'), cookie: header(req, 'cookie') }, header(req, CLIENT_ADDRESS_HEADER));
    // back before its Retry-After: a strike against the credentials (a flood is blocked for a while, auth/refused.ts)
    const until = refused.cameBack(gateKey);
    if (until === null) return false;
    const hold = Math.min(until - Date.now(), holdMs);
    if (hold <= 0 || held >= holdSockets) {
      refuse(req, res, until);
      return true;
    }
    held++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      held--;
      clearTimeout(timer);
      res.off('close', release);
      // blocked meanwhile for flooding: the Retry-After of the block
      if (!res.destroyed && !res.writableEnded) refuse(req, res, Math.max(until, refused.until(gateKey) ?? 0));
    };
    const timer = setTimeout(release, hold);
    // the client gave up: its place is free at once
    res.once('close', release);
    return true;
  };
  return Object.assign(gate, { held: () => held });
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

function corsHeaders(req: IncomingMessage, allowed: string[]): Record<string, string> {
  const origin = header(req, 'origin');
  if (!origin || !allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '), vary: 'Origin' };
}
