import { getTranslations } from 'next-intl/server';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const { error, next } = await searchParams;
  const t = await getTranslations('login');
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <form method="post" action="/api/auth/login" className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-red-700">
            {t('error')}
          </p>
        )}
        <input type="hidden" name="next" value={next ?? '/chats'} />
        <label className="block space-y-1">
          <span className="font-medium">{t('email')}</span>
          <input name="email" type="email" required autoComplete="username" autoFocus className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
        </label>
        <label className="block space-y-1">
          <span className="font-medium">{t('password')}</span>
          <input name="password" type="password" required autoComplete="current-password" className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100" />
        </label>
        <button type="submit" className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-100">
          {t('submit')}
        </button>
      </form>
    </main>
  );
}
