'use client';

import { clsx } from 'clsx';
import { usePathname, useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';

/** Whether the page at `pathname` belongs to the section whose paths start with `match`. */
export function inSection(pathname: string, match: string): boolean {
  return pathname === match || pathname.startsWith(`${match}/`);
}

/** A click the browser should handle itself: another tab or window, a download, a handler that took it. */
function leftToBrowser(e: MouseEvent<HTMLAnchorElement>): boolean {
  return e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}

/**
 * A menu entry that knows whether it is the current page (the rest of the menu is drawn on the server).
 * A plain link that Next's router (already on the page) follows without reloading, and fetches ahead
 * when pointed at, touched or focused; next/link's own code stays out of the first load (decision 033).
 */
export function NavLink({
  href,
  match,
  className,
  activeClassName,
  inactiveClassName,
  children,
}: {
  href: string;
  match: string;
  className: string;
  activeClassName: string;
  inactiveClassName: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const active = inSection(usePathname(), match);
  const prefetch = () => router.prefetch(href);
  return (
    <a
      href={href}
      aria-current={active ? 'page' : undefined}
      className={clsx(className, active ? activeClassName : inactiveClassName)}
      onClick={(e) => {
        if (leftToBrowser(e)) return;
        e.preventDefault();
        router.push(href);
      }}
      onPointerEnter={prefetch}
      onTouchStart={prefetch}
      onFocus={prefetch}
    >
      {children}
    </a>
  );
}
