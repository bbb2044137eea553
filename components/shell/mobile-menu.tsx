'use client';

import { usePathname } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import { lazyRetrying } from '../../lib/ui/retry-import';
import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Menu } from '../ui/icons';
import { InboxBadge } from './inbox-badge';

// The menu itself (a Radix dialog) is needed only once it opens: its code is fetched when the
// operator reaches for the button (pointer, touch or focus) and shown on the click. (React.lazy
// rather than next/dynamic, whose loader would come with the page: the panel opens in the browser only.)
const loadPanel = () => import('./mobile-menu-panel');
const MobileMenuPanel = lazyRetrying(loadPanel, (m) => m.MobileMenuPanel);
const preload = () => void loadPanel().catch(() => {});

/**
 * Below 768 px the side menu would take a quarter of the screen: the top bar shows this button
 * instead, and the sections (with the language and sign-out) slide in from the left.
 */
export function MobileMenu({ initialBadge, showBadge, children }: { initialBadge: number; showBadge: boolean; children: ReactNode }) {
  const ta = useTranslations('anywhere.menu');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [pathname]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="relative -ml-2 grid size-11 shrink-0 place-items-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden"
        aria-label={ta('open')}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'mobile-menu' : undefined}
        data-state={open ? 'open' : 'closed'}
        data-testid="menu-button"
        onPointerEnter={preload}
        onTouchStart={preload}
        onFocus={preload}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        <Menu className="size-5" aria-hidden />
        {showBadge && <InboxBadge initial={initialBadge} testId="menu-badge" className="absolute top-1 right-0.5 ring-white" />}
      </button>
      {used && (
        <Suspense fallback={null}>
          <MobileMenuPanel open={open} onOpenChange={setOpen} opener={button} initialBadge={initialBadge} showBadge={showBadge}>
            {children}
          </MobileMenuPanel>
        </Suspense>
      )}
    </>
  );
}
