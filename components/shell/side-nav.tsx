import { clsx } from 'clsx';
import { getTranslations } from 'next-intl/server';
import { Wrench } from '../ui/server-icons';
import { InboxBadge } from './inbox-badge';
import { NavLink } from './nav-link';
import { visibleSections } from './nav-sections';

/**
 * From 768 px up; below, the top bar's menu (mobile-menu.tsx) lists the same sections. Drawn on
 * the server (icons, labels, what the role may open): in the browser only the links, which of them
 * is the current page, and the badge.
 */
export async function SideNav({ permissions, initialBadge, showBadge }: { permissions: readonly string[]; initialBadge: number; showBadge: boolean }) {
  const t = await getTranslations('nav');
  const sections = visibleSections((p) => permissions.includes(p));
  return (
    <nav aria-label={t('label')} className="hidden w-[84px] shrink-0 flex-col items-stretch bg-slate-900 py-2 text-slate-400 md:flex">
      <div className="mb-2 flex justify-center pb-2" title="CRM">
        <span className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">
          <Wrench className="size-4" aria-hidden />
        </span>
      </div>
      <ul className="flex flex-1 flex-col gap-0.5 px-1">
        {sections.map(({ key, href, match, icon: Icon }) => (
          <li key={key} className={clsx(key === 'settings' && 'mt-auto')}>
            <NavLink
              href={href}
              match={match}
              className="relative flex flex-col items-center gap-1 rounded-md px-0.5 py-2 text-[10px] leading-none tracking-tight font-medium focus-visible:outline-2 focus-visible:outline-brand-500"
              activeClassName="bg-slate-800 text-white"
              inactiveClassName="hover:bg-slate-800/60 hover:text-slate-100"
            >
              <span className="relative">
                <Icon className="size-[18px]" aria-hidden />
                {key === 'chats' && showBadge && <InboxBadge initial={initialBadge} />}
              </span>
              <span className="max-w-full truncate">{t(key)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
