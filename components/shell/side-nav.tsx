'use client';

import { clsx } from 'clsx';
import { ClipboardList, FileText, MessagesSquare, Phone, Receipt, Settings, Target, Users, Wrench, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCan, type Permission } from '../providers/viewer-provider';
import { InboxBadge } from './inbox-badge';

type Section = 'leads' | 'orders' | 'estimates' | 'invoices' | 'clients' | 'calls' | 'chats' | 'settings';

/** `needs`: the permission without which the page only says "No access", so the menu leaves it out. */
const SECTIONS: { key: Section; href: string; match: string; icon: LucideIcon; needs?: Permission }[] = [
  { key: 'leads', href: '/leads', match: '/leads', icon: Target, needs: 'DOCUMENTS' },
  { key: 'orders', href: '/orders', match: '/orders', icon: ClipboardList, needs: 'DOCUMENTS' },
  { key: 'estimates', href: '/estimates', match: '/estimates', icon: FileText, needs: 'DOCUMENTS' },
  { key: 'invoices', href: '/invoices', match: '/invoices', icon: Receipt, needs: 'DOCUMENTS' },
  { key: 'clients', href: '/clients', match: '/clients', icon: Users, needs: 'CLIENTS' },
  { key: 'calls', href: '/calls', match: '/calls', icon: Phone, needs: 'CLIENTS' },
  { key: 'chats', href: '/chats', match: '/chats', icon: MessagesSquare, needs: 'CHATS' },
  { key: 'settings', href: '/settings/chats', match: '/settings', icon: Settings, needs: 'SETTINGS' },
];

/** The sections this viewer may open, each with whether it is the current page. */
export function useNavSections() {
  const pathname = usePathname();
  const may: Record<Permission, boolean> = { CHATS: useCan('CHATS'), CLIENTS: useCan('CLIENTS'), DOCUMENTS: useCan('DOCUMENTS'), SETTINGS: useCan('SETTINGS') };
  return SECTIONS.filter((s) => !s.needs || may[s.needs]).map((s) => ({ ...s, active: pathname === s.match || pathname.startsWith(`${s.match}/`) }));
}

/** From 768 px up; below, the top bar's menu (mobile-menu.tsx) lists the same sections. */
export function SideNav({ initialBadge, showBadge }: { initialBadge: number; showBadge: boolean }) {
  const t = useTranslations('nav');
  const sections = useNavSections();
  return (
    <nav aria-label={t('label')} className="hidden w-[84px] shrink-0 flex-col items-stretch bg-slate-900 py-2 text-slate-400 md:flex">
      <div className="mb-2 flex justify-center pb-2" title="CRM">
        <span className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
          <Wrench className="size-4" aria-hidden />
        </span>
      </div>
      <ul className="flex flex-1 flex-col gap-0.5 px-1">
        {sections.map(({ key, href, active, icon: Icon }) => {
          return (
            <li key={key} className={clsx(key === 'settings' && 'mt-auto')}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={clsx(
                  'relative flex flex-col items-center gap-1 rounded-md px-0.5 py-2 text-[10px] leading-none tracking-tight font-medium focus-visible:outline-2 focus-visible:outline-brand-500',
                  active ? 'bg-slate-800 text-white' : 'hover:bg-slate-800/60 hover:text-slate-100',
                )}
              >
                <span className="relative">
                  <Icon className="size-[18px]" aria-hidden />
                  {key === 'chats' && showBadge && <InboxBadge initial={initialBadge} />}
                </span>
                <span className="max-w-full truncate">{t(key)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
