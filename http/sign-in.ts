import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../auth/cookies';
import { logIn } from '../domain/employees/sign-in';
import { rateLimitedMessage } from '../auth/rate-limits';
import { isSameOriginPost } from '../auth/same-origin-post';
import { deleteSession } from '../domain/employees/sessions';
import type { Deps } from '../domain/deps';
import { BodyTooLargeError, readBodyWithin } from './read-body';

/**
 * What the sign-in route accepts: the login page's form (url-encoded or multipart) or JSON, with
 * `email` and `password` as strings, and an optional `next` path. Anything else is the client's
 * mistake and is answered with a 4xx that says what was wrong.
 */
export interface SignInRequest {
  email: string;
  password: string;
  /** A path on this site to go to after signing in. */
  next: string;
  /** The browser's form rather than a script: answered with redirects instead of JSON. */
  form: boolean;
}

export class BadSignInRequest extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 16 * 1024;

export async function readSignInRequest(request: Request): Promise<SignInRequest> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const form = type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
  if (!form && type !== 'application/json') {
    throw new BadSignInRequest(415, 'Send the sign-in as JSON ({"email": "...", "password": "..."}) or as a form.');
  }
  const body = await readCapped(request);
  let fields: Record<string, unknown>;
  if (type === 'application/json') {
    try {
      fields = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
    } catch {
      throw new BadSignInRequest(400, 'The body is not valid JSON.');
    }
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new BadSignInRequest(400, 'The body must be a JSON object with "email" and "password".');
  } else {
    try {
      const data = await new Response(body, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
      fields = Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string'));
    } catch {
      throw new BadSignInRequest(400, 'The form could not be read.');
    }
  }
  const { email, password, next } = fields;
  if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password) {
    throw new BadSignInRequest(400, 'Both "email" and "password" are required, as text.');
  }
  if (email.length > 320 || password.length > 1024) throw new BadSignInRequest(400, 'The e-mail or password is longer than any we accept.');
  return { email, password, next: safeNext(next), form };
}

/** Only a path on this site: never bounce a fresh session to another origin (`//host`, `/\host`). */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\\]/.test(value)) return '/chats';
  return value;
}

/** The body, up to MAX_BODY_BYTES (a larger one is refused unread, as webhooks are). */
async function readCapped(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await readBodyWithin(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new BadSignInRequest(413, 'The sign-in body is too large.');
    throw error;
  }
}

const LOGIN_EMAIL_COOKIE = 'chats_login_email';

/**
 * `POST /api/auth/login`. A script (JSON) gets JSON: 200 with where to go, 401, 429 with
 * Retry-After, 4xx for a wrong body. The page's form without JavaScript gets redirects back to the
 * login page, which then keeps the e-mail that was typed. Every redirect is built from PUBLIC_URL.
 */
export async function signIn(request: Request, deps: Deps): Promise<Response> {
  const { publicUrl } = deps.config;
  if (!isSameOriginPost(request.headers, publicUrl)) {
    return json(403, { error: { code: 'FORBIDDEN', message: 'Sign in from this site’s own login page.' } });
  }
  let attempt: SignInRequest;
  try {
    attempt = await readSignInRequest(request);
  } catch (error) {
    if (error instanceof BadSignInRequest) return json(error.status, { error: { code: 'BAD_REQUEST', message: error.message } });
    throw error;
  }
  const result = await logIn(deps, { email: attempt.email, password: attempt.password, address: request.headers.get(CLIENT_ADDRESS_HEADER), userAgent: request.headers.get('user-agent') });
  const secure = publicUrl.startsWith('https:');

  if (result.outcome === 'signedIn') {
    const headers = new Headers({ 'set-cookie': sessionCookie(result.session.token, result.session.expiresAt, secure) });
    headers.append('set-cookie', `${LOGIN_EMAIL_COOKIE}=; Path=/login; HttpOnly; SameSite=Lax; Max-Age=0`);
    if (!attempt.form) return json(200, { redirect: attempt.next }, headers);
    headers.set('location', `${publicUrl}${attempt.next}`);
    return new Response(null, { status: 303, headers });
  }

  const retryAfter = result.retryAfter;
  if (!attempt.form) {
    if (result.outcome === 'throttled') {
      return json(429, { error: { code: 'RATE_LIMITED', message: rateLimitedMessage(result.retryAfter), retryAfter } }, new Headers({ 'retry-after': String(retryAfter) }));
    }
    return json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'That e-mail and password don’t match.', ...(retryAfter ? { retryAfter } : {}) } });
  }
  const back = new URLSearchParams({ error: result.outcome === 'throttled' ? 'throttled' : 'invalid' });
  if (retryAfter) back.set('retryAfter', String(retryAfter));
  back.set('next', attempt.next);
  const headers = new Headers({
    location: `${publicUrl}/login?${back}`,
    // the typed e-mail, for the login page to fill in again (not in the URL, where logs keep it)
    'set-cookie': `${LOGIN_EMAIL_COOKIE}=${encodeURIComponent(attempt.email.trim())}; Path=/login; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`,
  });
  if (result.outcome === 'throttled') headers.set('retry-after', String(retryAfter));
  return new Response(null, { status: 303, headers });
}

/** The e-mail a failed form sign-in left for the login page to fill in again. */
export function rememberedLoginEmail(read: (name: string) => string | undefined): string {
  return (read(LOGIN_EMAIL_COOKIE) ?? '').slice(0, 320);
}

/** `POST /api/auth/logout`, only from our own pages: another site can't sign an operator out. */
export async function signOut(request: Request, deps: Deps): Promise<Response> {
  const { publicUrl } = deps.config;
  if (!isSameOriginPost(request.headers, publicUrl)) {
    return new Response('Sign out from this site’s own pages.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await deleteSession(deps.db, token);
  return new Response(null, {
    status: 303,
    headers: {
      location: `${publicUrl}/login`,
      'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    },
  });
}

function json(status: number, body: unknown, headers = new Headers()): Response {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}
