/**
 * A short two-note chime made with the Web Audio API (no audio file). Browsers only let a page
 * make sound after the user has interacted with it, so the audio context is created on the
 * first pointer or key press; until then, and whenever the browser refuses, `chime()` (chime.ts)
 * stays silent and never throws.
 */

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;
let armed = false;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  return window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext ?? null;
}

/** Listens for the first interaction, which is when a page may start audio. Safe to call often. */
export function armSound() {
  if (armed || typeof window === 'undefined') return;
  armed = true;
  const unlock = () => {
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
    const Ctor = audioContextClass();
    if (!Ctor) return;
    try {
      context ??= new Ctor();
      if (context.state === 'suspended') void context.resume().catch(() => {});
    } catch {
      context = null;
    }
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
}

/** The audio context once the first interaction unlocked audio (null until then or when refused). */
export function unlockedAudio(): AudioContext | null {
  return context;
}

const MUTE_KEY = 'chats:sound-muted';

export function readMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(muted: boolean) {
  try {
    if (muted) window.localStorage.setItem(MUTE_KEY, '1');
    else window.localStorage.removeItem(MUTE_KEY);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

export const MUTE_STORAGE_KEY = MUTE_KEY;
