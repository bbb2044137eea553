'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode, type RefObject } from 'react';

/**
 * A panel sliding in from a side of the screen (a Radix dialog opened by a plain button, not its
 * Trigger): focus goes back to `opener` when given (a tap on a phone does not focus the button),
 * else to what had it when the sheet opened. Put a `Dialog.Title` in `children`.
 */
export function SideSheet({
  open,
  onOpenChange,
  opener,
  overlayClassName,
  className,
  testId,
  id,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  opener?: RefObject<HTMLElement | null>;
  overlayClassName: string;
  className: string;
  testId: string;
  id?: string;
  children: ReactNode;
}) {
  const focused = useRef<HTMLElement | null>(null);
  if (open && !focused.current && typeof document !== 'undefined' && document.activeElement instanceof HTMLElement) focused.current = document.activeElement;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClassName} />
        <Dialog.Content
          id={id}
          className={className}
          data-testid={testId}
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            const back = opener?.current ?? focused.current;
            if (back?.isConnected) back.focus();
            focused.current = null;
          }}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
