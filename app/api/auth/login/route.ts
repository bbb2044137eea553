import { logIn } from '../../../../auth/login';
import { sessionCookie } from '../../../../auth/sessions';
import { getDeps } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '/chats';
  // only same-site paths: never bounce a fresh session to another origin
  return next.startsWith('/') && !next.startsWith('//') ? next : '/chats';
}

export async function POST(request: Request) {
  const form = await request.formData();
  const email = String(form.get('email') ?? '');
  const password = String(form.get('password') ?? '');
  const next = safeNext(form.get('next'));
  const session = await logIn(getDeps().db, email, password);
  const url = new URL(request.url);
  const origin = `${url.protocol}//${request.headers.get('host') ?? url.host}`;
  if (!session) {
    return new Response(null, { status: 303, headers: { location: `${origin}/login?error=1&next=${encodeURIComponent(next)}` } });
  }
  return new Response(null, {
    status: 303,
    headers: {
      location: `${origin}${next}`,
      'set-cookie': sessionCookie(session.token, session.expiresAt, url.protocol === 'https:'),
    },
  });
}
