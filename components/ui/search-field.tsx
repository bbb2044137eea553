'use client';

import { clsx } from 'clsx';
import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { inputClass } from './form';
import { LoaderCircle, Search } from './icons';

/** A search box with its (visually hidden) label, a magnifier and a spinner while the answer is on its way. */
export function SearchField({
  label,
  busyLabel,
  busy,
  className,
  inputClassName,
  ...input
}: { label: string; busyLabel: string; busy: boolean; className?: string; inputClassName?: string; ref?: Ref<HTMLInputElement> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'className'>) {
  const id = useId();
  return (
    <div className={clsx('relative', className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-500" aria-hidden />
      <input id={id} type="search" autoComplete="off" {...input} className={clsx(inputClass, 'pl-8', inputClassName)} />
      {busy && <LoaderCircle className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-slate-500" aria-label={busyLabel} />}
    </div>
  );
}
