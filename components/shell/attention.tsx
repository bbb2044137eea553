'use client';

import { clsx } from 'clsx';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useRef, useState } from 'react';
import { useInboxEvents } from '../providers/live-provider';
import { Volume2, VolumeOff } from '../ui/icons';
import { armSound, chime, MUTE_STORAGE_KEY, readMuted, writeMuted } from './sound';

/** Only messages written this recently chime: a replay after a reconnect must not ring for old news. */
const FRESH_MS = 5 * 60 * 1000;
/** A burst of messages rings once. */
const QUIET_MS = 1500;

/** The chat open on screen, if any: `/chats/<id>`. */
function openChatId(): string | null {
  const [, section, segment] = window.location.pathname.split('/');
  if (section !== 'chats' || !segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * F3: a new customer message chimes when the tab is hidden or the operator is not looking at
 * that chat. The toggle in the top bar mutes it (remembered in this browser).
 */
export function SoundToggle() {
  const t = useTranslations('shell.sound');
  // the stored choice is read after mount: the server cannot know it
  const [muted, setMuted] = useState(false);
  const mutedRef = useRef(false);
  const seen = useRef(new Set<string>());
  const lastChime = useRef(0);

  useEffect(() => {
    armSound();
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
    const { id, createdAt, chat } = event.message;
    if (seen.current.has(id)) return;
    seen.current.add(id);
    if (seen.current.size > 500) seen.current = new Set([...seen.current].slice(-250));
    if (Date.now() - new Date(createdAt).getTime() > FRESH_MS) return;
    const looking = document.visibilityState === 'visible' && openChatId() === chat.id;
    if (looking || mutedRef.current) return;
    const now = Date.now();
    if (now - lastChime.current < QUIET_MS) return;
    lastChime.current = now;
    const played = chime();
    window.dispatchEvent(new CustomEvent('chats:chime', { detail: { messageId: id, chatId: chat.id, played } }));
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
