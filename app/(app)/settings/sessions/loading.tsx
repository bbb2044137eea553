import { getTranslations } from 'next-intl/server';

export default async function OwnSessionsLoading() {
  const t = await getTranslations('settings.sessions');
  return (
    <main className="max-w-3xl px-4 py-6 sm:px-8" aria-busy="true">
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 text-slate-500">{t('loading')}</p>
      <div aria-hidden className="mt-5 h-24 animate-pulse rounded-lg border border-slate-200 bg-slate-100" />
    </main>
  );
}
