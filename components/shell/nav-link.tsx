'use client';

import { clsx } from 'clsx';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** Whether the page at `pathname` belongs to the section whose paths start with `match`. */
export function inSection(pathname: string, match: string): boolean {
  return pathname === match || pathname.startsWith(`${match}/`);
}

/** A menu entry that knows whether it is the current page (the rest of the menu is drawn on the server). */
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
  const active = inSection(usePathname(), match);
  return (
    <Link href={href} aria-current={active ? 'page' : undefined} className={clsx(className, active ? activeClassName : inactiveClassName)}>
      {children}
    </Link>
  );
}
