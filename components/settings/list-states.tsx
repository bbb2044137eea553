import { Check, Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { primaryButton } from '../ui/form';

/**
 * A settings list page (employees, roles, API keys): title and intro, the "new" action once the
 * list has loaded (a failed load offers nothing to add to), what was just done, then the list, or
 * why there is none. `children` follow the list (dialogs, notes). Test ids are `${name}-status`,
 * `${name}-error` and `${name}-empty`.
 */
export function SettingsList({
  name,
  t,
  add,
  done,
  failed,
  empty,
  className = 'max-w-5xl px-4 py-6 sm:px-8',
  list,
  children,
}: {
  name: string;
  /** The page's texts: `title`, `intro`, `error` (not loaded) and `empty`. */
  t: (key: 'title' | 'intro' | 'error' | 'empty') => string;
  add: { label: string; testId: string; onClick(): void };
  done: string | null;
  failed: boolean;
  empty: boolean;
  className?: string;
  list: ReactNode;
  children?: ReactNode;
}) {
  return (
    <main className={className}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:gap-4">
        <div className="min-w-0 flex-1">
          <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
          <p className="mt-1 text-slate-500">{t('intro')}</p>
        </div>
        {!failed && (
          <button type="button" className={`${primaryButton} self-start`} onClick={add.onClick} data-testid={add.testId}>
            <Plus className="size-4" aria-hidden />
            {add.label}
          </button>
        )}
      </div>

      <p role="status" className="mt-3 min-h-5 text-[12.5px] text-emerald-700" data-testid={`${name}-status`}>
        {done && (
          <span className="inline-flex items-center gap-1">
            <Check className="size-3.5" aria-hidden />
            {done}
          </span>
        )}
      </p>

      {failed ? (
        <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" data-testid={`${name}-error`}>
          {t('error')}
        </p>
      ) : empty ? (
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-slate-500" data-testid={`${name}-empty`}>
          {t('empty')}
        </p>
      ) : (
        list
      )}
      {children}
    </main>
  );
}
