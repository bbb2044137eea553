'use client';

import { clsx } from 'clsx';
import { LoaderCircle, RotateCw, Search, type LucideIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { inputClass, secondaryButton } from '../ui/form';

/**
 * The frame of the CRM lists (Leads, Orders, Estimates, Invoices, Calls): title, optional search,
 * the rows (a table from 768 px, cards below), loading/empty/error states and "more".
 */
export function CrmListFrame({
  title,
  icon: Icon,
  search,
  state,
  count,
  hasNext,
  more,
  onMore,
  onRetry,
  empty,
  testId,
  table,
  cards,
}: {
  title: string;
  icon: LucideIcon;
  search?: { value: string; onChange(value: string): void; label: string; placeholder: string };
  state: 'ready' | 'loading' | 'error';
  count: number;
  hasNext: boolean;
  more: 'idle' | 'loading' | 'error';
  onMore(): void;
  onRetry(): void;
  empty: { title: string; hint: string };
  testId: string;
  table: ReactNode;
  cards: ReactNode;
}) {
  const t = useTranslations('anywhere.list');
  const searchId = useId();
  return (
    <main className="min-h-0 flex-1 overflow-y-auto" data-testid={testId}>
      <div className="mx-auto max-w-5xl px-4 py-6 md:px-8">
        <h1 className="text-[17px] font-semibold text-slate-900">{title}</h1>
        {search && (
          <div className="relative mt-4 max-w-md">
            <label htmlFor={searchId} className="sr-only">
              {search.label}
            </label>
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-500" aria-hidden />
            <input
              id={searchId}
              type="search"
              value={search.value}
              maxLength={200}
              onChange={(e) => search.onChange(e.target.value)}
              placeholder={search.placeholder}
              autoComplete="off"
              className={clsx(inputClass, 'py-2 pl-8 max-md:min-h-11 max-md:text-[16px]')}
              data-testid={`${testId}-search`}
            />
            {state === 'loading' && <LoaderCircle className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-slate-500" aria-label={t('loading')} />}
          </div>
        )}
        <div className={clsx('mt-4', state === 'loading' && 'opacity-60')} aria-busy={state === 'loading'}>
          {state === 'error' ? (
            <div role="alert" className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 bg-white px-6 py-10 text-center text-slate-600">
              <p>{t('error')}</p>
              <button type="button" onClick={onRetry} className={clsx(secondaryButton, 'max-md:min-h-11')}>
                <RotateCw className="size-3.5" aria-hidden />
                {t('retry')}
              </button>
            </div>
          ) : count === 0 && state === 'ready' ? (
            <div className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 bg-white px-6 py-12 text-center text-slate-500" data-testid={`${testId}-empty`}>
              <Icon className="size-6 text-slate-400" aria-hidden />
              <p className="font-medium text-slate-700">{empty.title}</p>
              <p className="text-[12.5px]">{empty.hint}</p>
            </div>
          ) : (
            <>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:hidden">{table}</div>
              <ul className="space-y-2 md:hidden">{cards}</ul>
            </>
          )}
        </div>
        {hasNext && state === 'ready' && (
          <div className="mt-3 flex justify-center">
            <button type="button" onClick={onMore} disabled={more === 'loading'} className={clsx(secondaryButton, 'max-md:min-h-11')} data-testid={`${testId}-more`}>
              {more === 'loading' ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : more === 'error' ? <RotateCw className="size-3.5" aria-hidden /> : null}
              {more === 'error' ? t('moreFailed') : t('more')}
            </button>
          </div>
        )}
        {state === 'ready' && count > 0 && (
          <p className="mt-2 text-center text-[12px] text-slate-500" role="status">
            {hasNext ? t('shownMore', { count }) : t('shownAll', { count })}
          </p>
        )}
      </div>
    </main>
  );
}

export const thClass = 'px-4 py-2 text-left text-[11.5px] font-semibold tracking-wide text-slate-600 uppercase';
export const tdClass = 'px-4 py-2 align-top';
