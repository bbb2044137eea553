'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { clsx } from 'clsx';
import { X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import type { ReactNode, RefObject } from 'react';
import { usePermissions } from '../providers/viewer-provider';
import { SideSheet } from '../ui/side-sheet';
import { InboxBadge } from './inbox-badge';
import { inSection } from './nav-link';
import { visibleSections } from './nav-sections';

/** The sections this viewer may open (as the side menu lists them), each with whether it is the current page. */
function useNavSections() {
  const pathname = usePathname();
  const permissions = usePermissions();
  return visibleSections((p) => permissions.has(p)).map((s) => ({ ...s, active: inSection(pathname, s.match) }));
}

/** The sections of the mobile menu, sliding in from the left (loaded when the menu first opens). */
export function MobileMenuPanel({
  open,
  onOpenChange,
  opener,
  initialBadge,
  showBadge,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** The menu button: focus goes back to it when the menu closes. */
  opener: RefObject<HTMLButtonElement | null>;
  initialBadge: number;
  showBadge: boolean;
  children: ReactNode;
}) {
  const t = useTranslations('nav');
  const ta = useTranslations('anywhere.menu');
  const sections = useNavSections();

  return (
    <SideSheet
      open={open}
      onOpenChange={onOpenChange}
      opener={opener}
      overlayClassName="fixed inset-0 z-50 bg-slate-900/40"
      className="fixed inset-y-0 left-0 z-50 flex w-[min(18rem,85vw)] flex-col bg-slate-900 text-slate-300 shadow-xl focus:outline-none"
      testId="mobile-menu"
      id="mobile-menu"
    >
      <div className="flex h-14 shrink-0 items-center gap-2 px-4">
        <Dialog.Title className="flex-1 text-[15px] font-semibold text-white">{ta('title')}</Dialog.Title>
        <Dialog.Close className="grid size-11 place-items-center rounded-md text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-brand-500" aria-label={ta('close')}>
          <X className="size-5" aria-hidden />
        </Dialog.Close>
      </div>
      <nav aria-label={t('label')} className="min-h-0 flex-1 overflow-y-auto px-2">
        <ul className="flex flex-col gap-0.5">
          {sections.map(({ key, href, active, icon: Icon }) => (
            <li key={key}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                onClick={() => onOpenChange(false)}
                className={clsx(
                  'flex min-h-11 items-center gap-3 rounded-md px-3 text-[14px] font-medium focus-visible:outline-2 focus-visible:outline-brand-500',
                  active ? 'bg-slate-800 text-white' : 'hover:bg-slate-800/60 hover:text-white',
                )}
              >
                <Icon className="size-5" aria-hidden />
                <span className="flex-1">{t(key)}</span>
                {key === 'chats' && showBadge && <InboxBadge initial={initialBadge} testId="menu-inbox-badge" className="static ring-slate-900" />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex items-center gap-3 border-t border-slate-800 bg-white px-4 py-3">{children}</div>
    </SideSheet>
  );
}
