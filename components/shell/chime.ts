import type { InboxEvent } from '../providers/live-provider';
import { unlockedAudio } from './sound';

/**
 * F3's chime, loaded by the sound toggle after hydration (decision 033): what rings for which live
 * message, and the two notes. Live events only start after hydration anyway.
 */

/** Only messages written this recently chime: a replay after a reconnect must not ring for old news. */
const FRESH_MS = 5 * 60 * 1000;
/** A burst of messages rings once. */
const QUIET_MS = 1500;

let seen = new Set<string>();
let lastChime = 0;

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

/** Plays the chime if audio is unlocked. Returns whether it played. */
function chime(): boolean {
  const ctx = unlockedAudio();
  if (!ctx) return false;
  try {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
    if (ctx.state === 'closed') return false;
    const start = ctx.currentTime + 0.01;
    const notes: [number, number][] = [
      [880, 0],
      [1318.5, 0.11],
    ];
    for (const [frequency, offset] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      const t0 = start + offset;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.25);
    }
    return true;
  } catch {
    return false;
  }
}

/** A new customer message chimes when the tab is hidden or the operator is not looking at that chat. */
export function ringFor(message: Extract<InboxEvent, { __typename: 'MessageAdded' }>['message'], muted: boolean) {
  const { id, createdAt, chat } = message;
  if (seen.has(id)) return;
  seen.add(id);
  if (seen.size > 500) seen = new Set([...seen].slice(-250));
  if (Date.now() - new Date(createdAt).getTime() > FRESH_MS) return;
  const looking = document.visibilityState === 'visible' && openChatId() === chat.id;
  if (looking || muted) return;
  const now = Date.now();
  if (now - lastChime < QUIET_MS) return;
  lastChime = now;
  const played = chime();
  window.dispatchEvent(new CustomEvent('chats:chime', { detail: { messageId: id, chatId: chat.id, played } }));
}
