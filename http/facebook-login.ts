import { readCookie } from '../auth/cookies';
import { buildViewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';
import { finishFacebookLogin, startFacebookLogin } from '../domain/channels/facebook-login';
import { DomainError } from '../domain/errors';

const STATE_COOKIE = 'chats_fb_state';
const SETTINGS = '/settings/chats';

const redirect = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) } });

function stateCookie(value: string, request: Request, maxAge: number) {
  const parts = [`${STATE_COOKIE}=${value}`, 'Path=/api/auth/facebook', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`];
  if (new URL(request.url).protocol === 'https:') parts.push('Secure');
  return parts.join('; ');
}

/** Settings shows why the login did not finish, in the admin's words. */
const backWithError = (message: string, request: Request) => redirect(`${SETTINGS}?facebook=error&message=${encodeURIComponent(message)}`, stateCookie('', request, 0));

async function viewerOf(request: Request, deps: Deps) {
  return buildViewer(deps.db, { cookie: request.headers.get('cookie') });
}

/** `GET /api/auth/facebook/start`: off to Facebook's dialog, with a state only this browser knows. */
export async function startFacebookLoginRoute(request: Request, deps: Deps): Promise<Response> {
  const viewer = await viewerOf(request, deps);
  if (!viewer) return redirect(`/login?next=${encodeURIComponent(SETTINGS)}`);
  try {
    const { url, state } = startFacebookLogin(deps, viewer);
    return redirect(url, stateCookie(state, request, 600));
  } catch (error) {
    if (error instanceof DomainError) return backWithError(error.message, request);
    throw error;
  }
}

/** `GET /api/auth/facebook/callback`: Facebook sends the admin back here with a code (or a refusal). */
export async function finishFacebookLoginRoute(request: Request, deps: Deps): Promise<Response> {
  const viewer = await viewerOf(request, deps);
  if (!viewer) return redirect(`/login?next=${encodeURIComponent(SETTINGS)}`);
  const params = new URL(request.url).searchParams;
  if (params.get('error')) {
    const cancelled = params.get('error_reason') === 'user_denied' || params.get('error') === 'access_denied';
    return cancelled
      ? redirect(`${SETTINGS}?facebook=cancelled`, stateCookie('', request, 0))
      : backWithError(params.get('error_description') ?? params.get('error')!, request);
  }
  try {
    const loginId = await finishFacebookLogin(deps, viewer, {
      code: params.get('code') ?? '',
      state: params.get('state') ?? '',
      expectedState: readCookie(request.headers.get('cookie'), STATE_COOKIE),
    });
    return redirect(`${SETTINGS}/facebook/${loginId}`, stateCookie('', request, 0));
  } catch (error) {
    if (error instanceof DomainError) return backWithError(error.message, request);
    throw error;
  }
}
