'use client';

import { clsx } from 'clsx';
import { LoaderCircle, RotateCw, type LucideIcon } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import type { ReactNode } from 'react';
import { secondaryButton } from '../ui/form';
import { RetryAlert } from '../ui/retry-alert';
import { SearchField } from '../ui/search-field';

/**
 * The frame of the CRM lists (Leads, Orders, Estimates, Invoices, Calls): title, optional search,
 * the rows (a table from 768 px, cards below), loading/empty/error states and "more".
 */
export interface CrmColumn<Row> {
  label: string;
  cell(row: Row): ReactNode;
  className?: string;
}

export function CrmListFrame<Row extends { id: string }>({
  title,
  icon: Icon,
  search,
  state,
  rows,
  hasNext,
  more,
  onMore,
  onRetry,
  empty,
  testId,
  rowTestId,
  columns,
  card,
}: {
  title: string;
  icon: LucideIcon;
  search?: { value: string; onChange(value: string): void; label: string; placeholder: string };
  state: 'ready' | 'loading' | 'error';
  rows: Row[];
  hasNext: boolean;
  more: 'idle' | 'loading' | 'error';
  onMore(): void;
  onRetry(): void;
  empty: { title: string; hint: string };
  /** `documents` → documents-table, documents-search…; `rowTestId` → document-row and document-card. */
  testId: string;
  rowTestId: string;
  columns: CrmColumn<Row>[];
  card(row: Row): ReactNode;
}) {
  const count = rows.length;
  const t = useTranslations('anywhere.list');
  return (
    <main className="min-h-0 flex-1 overflow-y-auto" data-testid={testId}>
      <div className="mx-auto max-w-5xl px-4 py-6 md:px-8">
        <h1 className="text-[17px] font-semibold text-slate-900">{title}</h1>
        {search && (
          <SearchField
            className="mt-4 max-w-md"
            label={search.label}
            busyLabel={t('loading')}
            busy={state === 'loading'}
            value={search.value}
            maxLength={200}
            onChange={(e) => search.onChange(e.target.value)}
            placeholder={search.placeholder}
            data-testid={`${testId}-search`}
            inputClassName="py-2 max-md:min-h-11 max-md:text-[16px]"
          />
        )}
        <div className={clsx('mt-4', state === 'loading' && 'opacity-60')} aria-busy={state === 'loading'}>
          {state === 'error' ? (
            <RetryAlert message={t('error')} retryLabel={t('retry')} onRetry={onRetry} className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-slate-600" />
          ) : count === 0 && state === 'ready' ? (
            <div className="flex flex-col items-center gap-2 rounded-lg border border-slate-200 bg-white px-6 py-12 text-center text-slate-500" data-testid={`${testId}-empty`}>
              <Icon className="size-6 text-slate-400" aria-hidden />
              <p className="font-medium text-slate-700">{empty.title}</p>
              <p className="text-[12.5px]">{empty.hint}</p>
            </div>
          ) : (
            <>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white max-md:hidden">
                <table className="w-full text-[13px]" data-testid={`${testId}-table`}>
                  <thead className="border-b border-slate-200 bg-slate-50">
                    <tr>
                      {columns.map((c) => (
                        <th key={c.label} scope="col" className="px-4 py-2 text-left text-[11.5px] font-semibold tracking-wide text-slate-600 uppercase">
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid={`${rowTestId}-row`}>
                        {columns.map((c) => (
                          <td key={c.label} className={clsx('px-4 py-2 align-top', c.className)}>
                            {c.cell(row)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className="space-y-2 md:hidden">
                {rows.map((row) => (
                  <li key={row.id} className="rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-[13px]" data-testid={`${rowTestId}-card`}>
                    {card(row)}
                  </li>
                ))}
              </ul>
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
