import { getTranslations } from 'next-intl/server';

/** A settings list while it loads: its title, "Loading…", and as many grey rows as it usually shows. */
export async function SettingsListLoading({
  namespace,
  testId,
  rows,
  rowHeight = 'h-12',
  className = 'max-w-5xl px-4 py-6 sm:px-8',
}: {
  namespace: string;
  testId: string;
  rows: number;
  rowHeight?: 'h-9' | 'h-12';
  className?: string;
}) {
  const t = await getTranslations(namespace);
  return (
    <main className={className} aria-busy="true" data-testid={testId}>
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 text-slate-500">{t('loading')}</p>
      <div aria-hidden className="mt-5 animate-pulse space-y-px overflow-hidden rounded-lg border border-slate-200">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`${rowHeight} bg-slate-100`} />
        ))}
      </div>
    </main>
  );
}
