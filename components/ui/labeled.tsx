'use client';

import { useId, type ReactNode } from 'react';

/** A form control with its label tied to it: `children` gets the id to put on the control. */
export function Labeled({ label, labelClassName, children }: { label: ReactNode; labelClassName?: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children(id)}
    </>
  );
}
