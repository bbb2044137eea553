'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';

type Item = { key: string; href: string; exact?: boolean };

const GROUPS: { key: string; items: Item[] }[] = [
  { key: 'communication', items: [{ key: 'chats', href: '/settings/chats' }] },
  {
    key: 'employees',
    items: [
      // exact: Roles lives below it
      { key: 'employees', href: '/settings/employees', exact: true },
      { key: 'roles', href: '/settings/employees/roles' },
      { key: 'apiKeys', href: '/settings/api-keys' },
    ],
  },
  { key: 'account', items: [{ key: 'sessions', href: '/settings/sessions' }] },
];

export function SettingsNav() {
  const t = useTranslations('settings.nav');
  const pathname = usePathname();
  return (
    <nav
      aria-label={t('label')}
      className="w-full shrink-0 border-b border-slate-200 bg-white px-2 py-1.5 md:w-52 md:border-r md:border-b-0 md:py-4"
    >
      <p className="hidden px-2 pb-3 text-[15px] font-semibold text-slate-900 md:block">{t('title')}</p>
      {/* narrow screens: one scrolling row of links above the page; wide: a column with group titles */}
      <div className="flex gap-1 overflow-x-auto md:block">
        {GROUPS.map((group) => (
          <div key={group.key} className="shrink-0 md:mb-3">
            <p className="hidden px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase md:block">{t(group.key)}</p>
            <ul className="flex gap-1 md:block">
              {group.items.map((item) => {
                const active = pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`));
                return (
                  <li key={item.key}>
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={clsx(
                        'block rounded-md px-2 py-1.5 text-[13px] whitespace-nowrap focus-visible:outline-2 focus-visible:outline-brand-500',
                        active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-50',
                      )}
                    >
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
