'use client';

import { clsx } from 'clsx';
import { useLocale, useTranslations } from '../../lib/ui/intl';

const LOCALES = ['en', 'de'] as const;

/** Stores the choice in NEXT_LOCALE (read by i18n/request.ts and the API) and reloads the page. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations('shell');
  const choose = (next: (typeof LOCALES)[number]) => {
    if (next === locale) return;
    document.cookie = `NEXT_LOCALE=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
    // a full reload: server-rendered text, the API's localised titles and the live socket all switch
    window.location.reload();
  };
  return (
    <div role="group" aria-label={t('language')} className="flex rounded-md border border-slate-200 p-0.5 text-[12px]">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          aria-label={t(`languageName.${l}`)}
          onClick={() => choose(l)}
          className={clsx(
            'rounded px-1.5 py-0.5 font-medium uppercase focus-visible:outline-2 focus-visible:outline-brand-500',
            l === locale ? 'bg-slate-800 text-white' : 'text-slate-500 hover:text-slate-900',
          )}
        >
          {l}
        </button>
      ))}
    </div>
  );
}
