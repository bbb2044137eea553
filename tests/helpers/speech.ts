import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real audio for the transcription tests and benchmark, made with Debian's espeak-ng and ffmpeg
 * (scripts/ensure-speech.sh): speech encoded as OGG/Opus mono like a WhatsApp or Telegram voice
 * note, and tones of a given length.
 */
export function speechOggOpus(text: string, options: { voice?: string; wordsPerMinute?: number; seconds?: number } = {}): Uint8Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chats-speech-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    const ogg = path.join(dir, 'voice.ogg');
    execFileSync('espeak-ng', ['-v', options.voice ?? 'en-us', '-s', String(options.wordsPerMinute ?? 150), '-w', wav, text]);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...(options.seconds ? ['-t', String(options.seconds)] : []), '-ac', '1', '-c:a', 'libopus', '-b:a', '24k', '-application', 'voip', ogg]);
    return new Uint8Array(readFileSync(ogg));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `seconds` of a quiet tone as OGG/Opus: a voice note of that length, with nothing to hear. */
export function toneOggOpus(seconds: number): Uint8Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chats-tone-'));
  try {
    const ogg = path.join(dir, 'tone.ogg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}:sample_rate=16000`, '-af', 'volume=0.05', '-ac', '1', '-c:a', 'libopus', '-b:a', '12k', ogg]);
    return new Uint8Array(readFileSync(ogg));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The share of `expected`'s words (3 letters or more) found in `heard`: recognition errors allowed, nonsense not. */
export function wordsRecognised(expected: string, heard: string): number {
  const words = (s: string) => s.toLowerCase().match(/[a-z']{3,}/g) ?? [];
  const want = [...new Set(words(expected))];
  const got = new Set(words(heard));
  return want.filter((w) => got.has(w)).length / want.length;
}
