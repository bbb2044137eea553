import type { LucideIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { ExternalLink, Lock } from './server-icons';

/** A friendly stop sign for pages the employee's role does not include. */
export async function NoAccess({ area }: { area: 'chats' | 'settings' | 'clients' | 'documents' | 'calls' }) {
  const t = await getTranslations('noAccess');
  const more = await getTranslations('anywhere.noAccess');
  return (
    <main className="flex flex-1 items-center justify-center p-8" data-testid="no-access">
      <div className="max-w-sm text-center">
        <span className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-slate-100 text-slate-400">
          <Lock className="size-5" aria-hidden />
        </span>
        <h1 className="text-[15px] font-semibold text-slate-900">{t('title')}</h1>
        <p className="mt-1.5 text-slate-500">{area === 'documents' || area === 'calls' ? more(area) : t(area)}</p>
      </div>
    </main>
  );
}

/** The CRM sections that live in the main CRM, not in this app. */
export async function ElsewhereInCrm({ section, icon: Icon }: { section: 'leads' | 'orders' | 'invoices' | 'clients' | 'calls'; icon: LucideIcon }) {
  const t = await getTranslations('elsewhere');
  const nav = await getTranslations('nav');
  return (
    <main className="flex flex-1 items-center justify-center p-8">
      <div className="max-w-md text-center">
        <span className="mx-auto mb-3 grid size-10 place-items-center rounded-full bg-slate-100 text-slate-400">
          <Icon className="size-5" aria-hidden />
        </span>
        <h1 className="text-[15px] font-semibold text-slate-900">{nav(section)}</h1>
        <p className="mt-1.5 text-slate-500">{t('body', { section: nav(section) })}</p>
        <p className="mt-3 inline-flex items-center gap-1 text-[12.5px] text-slate-500">
          <ExternalLink className="size-3" aria-hidden />
          {t('hint')}
        </p>
      </div>
    </main>
  );
}
