'use client';

import { useTranslations } from '../../lib/ui/intl';
import { lazyRetrying } from '../../lib/ui/retry-import';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { isTypingTarget } from '../../lib/ui/keyboard';
import { IconButton } from '../ui/icon-button';
import { Keyboard } from '../ui/icons';

// The list itself is needed only once asked for: its code is fetched when the operator reaches
// for the button (pointer or focus) or presses "?", and it shows as soon as it has arrived.
// (React.lazy rather than next/dynamic, whose loader would come with the page.)
const loadDialog = () => import('./shortcuts-dialog');
const ShortcutsDialog = lazyRetrying(loadDialog, (m) => m.ShortcutsDialog);
const preload = () => void loadDialog().catch(() => {});

/** "?" anywhere (not while typing) opens the list of keyboard shortcuts; Escape closes it. */
export function ShortcutsHelp() {
  const t = useTranslations('shortcuts');
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const show = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  }, []);
  const close = useCallback(() => {
    setOpen(false);
    // back to where the operator was
    requestAnimationFrame(() => opener.current?.focus());
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTypingTarget(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      show();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [show]);

  return (
    <>
      <IconButton label={t('open')} onClick={show} onPointerEnter={preload} onFocus={preload} aria-keyshortcuts="?" hint={t('openHint')} className="size-7 text-slate-600 hover:bg-slate-100">
        <Keyboard className="size-4" aria-hidden />
      </IconButton>
      {open && (
        <Suspense fallback={null}>
          <ShortcutsDialog close={close} />
        </Suspense>
      )}
    </>
  );
}
