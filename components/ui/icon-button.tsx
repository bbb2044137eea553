'use client';

import { clsx } from 'clsx';
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

/** A square button showing only an icon: its label is read out and shown as a tooltip (or `hint`, a longer one). */
export const IconButton = forwardRef<HTMLButtonElement, { label: string; hint?: string; children: ReactNode; className?: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'title'>>(
  function IconButton({ label, hint, children, className, ...rest }, ref) {
    return (
      <button
        ref={ref}
        type="button"
        aria-label={label}
        title={hint ?? label}
        {...rest}
        className={clsx('grid shrink-0 place-items-center rounded-md focus-visible:outline-2 focus-visible:outline-brand-500', className)}
      >
        {children}
      </button>
    );
  },
);
