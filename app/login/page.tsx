import { cookies } from 'next/headers';
import { SignInForm, type SignInProblem } from '../../components/auth/sign-in-form';
import { rememberedLoginEmail, safeNext } from '../../http/sign-in';

export const dynamic = 'force-dynamic';

type Search = { error?: string; next?: string; retryAfter?: string };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { error, next, retryAfter } = await searchParams;
  const jar = await cookies();
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <SignInForm next={safeNext(next)} initialEmail={error ? rememberedLoginEmail((name) => jar.get(name)?.value) : ''} initialProblem={problemOf(error, retryAfter)} />
    </main>
  );
}

/** What the form without JavaScript came back with. */
function problemOf(error: string | undefined, retryAfter: string | undefined): SignInProblem | null {
  const wait = Number(retryAfter);
  const seconds = Number.isInteger(wait) && wait > 0 && wait < 86_400 ? wait : undefined;
  if (error === 'throttled') return { kind: 'throttled', retryAfter: seconds ?? 1 };
  if (error) return { kind: 'invalid', retryAfter: seconds };
  return null;
}
