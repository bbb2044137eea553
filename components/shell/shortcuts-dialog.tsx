'use client';

import { X } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useRef } from 'react';
import { Keyboard } from '../ui/icons';

const GROUPS = [
  {
    key: 'list',
    items: [
      { keys: ['j', '↓'], what: 'next' },
      { keys: ['k', '↑'], what: 'previous' },
      { keys: ['Enter'], what: 'open' },
      { keys: ['o'], what: 'showOpen' },
      { keys: ['a'], what: 'showArchived' },
    ],
  },
  {
    key: 'chat',
    items: [
      { keys: ['r', '/'], what: 'reply' },
      { keys: ['e'], what: 'archive' },
      { keys: ['Esc'], what: 'leaveComposer' },
    ],
  },
  {
    key: 'general',
    items: [{ keys: ['?'], what: 'help' }],
  },
] as const;

/** The list of keyboard shortcuts (shortcuts-help.tsx opens it): Escape or "?" closes it. */
export function ShortcutsDialog({ close }: { close: () => void }) {
  const t = useTranslations('shortcuts');
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => dialog.current?.focus(), []);

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/30 px-4 pt-[12vh]"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="shortcuts-help"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
          if (e.key === 'Tab') {
            // one button inside: keep focus in the dialog
            e.preventDefault();
            (dialog.current?.querySelector('button') as HTMLButtonElement | null)?.focus();
          }
        }}
        className="w-full max-w-md rounded-xl border border-slate-200 bg-white shadow-xl focus:outline-none"
      >
        <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-3">
          <Keyboard className="size-4 text-slate-500" aria-hidden />
          <h2 id={titleId} className="flex-1 text-[14px] font-semibold text-slate-900">
            {t('title')}
          </h2>
          <button
            type="button"
            onClick={close}
            aria-label={t('close')}
            className="grid size-7 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <X className="size-4" aria-hidden />
          </button>
        </div>
        <div className="space-y-4 px-4 py-3">
          {GROUPS.map((group) => (
            <section key={group.key}>
              <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t(`group.${group.key}`)}</h3>
              <dl className="space-y-1">
                {group.items.map((item) => (
                  <div key={item.what} className="flex items-center justify-between gap-4 text-[13px]">
                    <dt className="text-slate-700">{t(`action.${item.what}`)}</dt>
                    <dd className="flex shrink-0 items-center gap-1">
                      {item.keys.map((k, i) => (
                        <span key={k} className="flex items-center gap-1">
                          {i > 0 && <span className="text-[11.5px] text-slate-500">{t('or')}</span>}
                          <kbd className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-[11.5px] font-medium text-slate-700 shadow-[0_1px_0_var(--color-slate-300)]">
                            {k}
                          </kbd>
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <p className="border-t border-slate-100 pt-3 text-[12px] text-slate-500">{t('note')}</p>
        </div>
      </div>
    </div>
  );
}
