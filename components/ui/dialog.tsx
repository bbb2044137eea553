'use client';

import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves in (to `initialFocus` or the first field) and stays in, Escape or a
 * click outside closes it, and focus returns to what opened it.
 */
export function Dialog({
  title,
  description,
  closeLabel,
  onClose,
  children,
  testId,
  width = 'max-w-md',
}: {
  title: string;
  description?: ReactNode;
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  width?: string;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current?.querySelector<HTMLElement>('input, select, textarea');
    (first ?? panel.current)?.focus();
    // focus can fall out to the page (a button disabled while saving): Escape must still close
    const onKey = (e: KeyboardEvent) => {
      // a menu or listbox open above the dialog (Radix) closes itself first and marks the key as used
      if (e.key === 'Escape' && !e.defaultPrevented && !panel.current?.contains(document.activeElement)) onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) requestAnimationFrame(() => opener.focus());
    };
  }, []);

  const dialog = (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-slate-900/30 px-4 pt-[10vh] pb-8"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={(e) => {
          // keys a listbox above the dialog handled (React bubbles them here through its portal)
          if (e.defaultPrevented || !e.currentTarget.contains(e.target as Node)) return;
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCloseRef.current();
            return;
          }
          if (e.key !== 'Tab' || !panel.current) return;
          const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
          if (items.length === 0) return;
          const first = items[0];
          const last = items[items.length - 1];
          if (e.shiftKey && document.activeElement === first) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first.focus();
          }
        }}
        className={`w-full ${width} rounded-xl border border-slate-200 bg-white shadow-xl focus:outline-none`}
      >
        <div className="flex items-start gap-2 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-[14px] font-semibold text-slate-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-0.5 text-[12.5px] text-slate-500">
                {description}
              </div>
            )}
          </div>
          <button
            type="button"
            onClick={() => onCloseRef.current()}
            aria-label={closeLabel}
            className="grid size-7 shrink-0 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <X className="size-4" aria-hidden />
          </button>
        </div>
        <div className="px-4 py-3">{children}</div>
      </div>
    </div>
  );
  // on the page itself, not inside whatever opened it: a positioned card (the phone card) would box it in
  return typeof document === 'undefined' ? dialog : createPortal(dialog, document.body);
}
