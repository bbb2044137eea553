import { readCookie, SESSION_COOKIE } from '../../../../auth/cookies';
import { deleteSession } from '../../../../auth/sessions';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await deleteSession(getDeps().db, token);
  const url = new URL(request.url);
  return new Response(null, {
    status: 303,
    headers: {
      location: `${url.protocol}//${request.headers.get('host') ?? url.host}/login`,
      'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    },
  });
}
