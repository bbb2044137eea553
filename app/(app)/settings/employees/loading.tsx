import { getTranslations } from 'next-intl/server';

export default async function EmployeesLoading() {
  const t = await getTranslations('settings.employees');
  return (
    <main className="max-w-5xl px-4 py-6 sm:px-8" aria-busy="true" data-testid="employees-loading">
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 text-slate-500">{t('loading')}</p>
      <div aria-hidden className="mt-5 animate-pulse space-y-px overflow-hidden rounded-lg border border-slate-200">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-12 bg-slate-100" />
        ))}
      </div>
    </main>
  );
}
