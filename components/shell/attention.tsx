'use client';

import { clsx } from 'clsx';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useRef, useState } from 'react';
import { useInboxEvents } from '../providers/live-provider';
import { Volume2, VolumeOff } from '../ui/icons';
import { armSound, MUTE_STORAGE_KEY, readMuted, writeMuted } from './sound';

// what rings for which message, and the chime itself: after hydration, before the socket's first event
const loadChime = () => import('./chime');

/**
 * F3: a new customer message chimes when the tab is hidden or the operator is not looking at
 * that chat. The toggle in the top bar mutes it (remembered in this browser).
 */
export function SoundToggle() {
  const t = useTranslations('shell.sound');
  // the stored choice is read after mount: the server cannot know it
  const [muted, setMuted] = useState(false);
  const mutedRef = useRef(false);

  useEffect(() => {
    armSound();
    void loadChime().catch(() => {});
    const current = readMuted();
    mutedRef.current = current;
    setMuted(current);
    const onStorage = (e: StorageEvent) => {
      if (e.key !== MUTE_STORAGE_KEY) return;
      mutedRef.current = readMuted();
      setMuted(mutedRef.current);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  useInboxEvents((event) => {
    if (event.__typename !== 'MessageAdded' || event.message.direction !== 'INBOUND') return;
    // in order: the module arrives once, then each message's turn comes as it came
    void loadChime().then(({ ringFor }) => ringFor(event.message, mutedRef.current), () => {});
  });

  const toggle = () => {
    const next = !muted;
    mutedRef.current = next;
    setMuted(next);
    writeMuted(next);
  };

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={muted}
      aria-label={t('mute')}
      title={muted ? t('mutedHint') : t('onHint')}
      data-testid="sound-toggle"
      data-muted={muted ? 'true' : 'false'}
      className={clsx(
        'grid size-7 place-items-center rounded-md hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:size-11',
        muted ? 'text-slate-500' : 'text-slate-600',
      )}
    >
      {muted ? <VolumeOff className="size-4" aria-hidden /> : <Volume2 className="size-4" aria-hidden />}
    </button>
  );
}
