import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { convertToWav, runProgram, withTempDir } from './audio';
import { TranscriptionFailed, type TranscriptionEngine } from './engine';

/**
 * The local engine (decision 022): CMU pocketsphinx from Debian (`pocketsphinx`,
 * `pocketsphinx-en-us`), installed by scripts/ensure-speech.sh. It runs on the CPU with no network
 * and no model download, and understands US English only; German and other languages need a
 * Whisper server behind TRANSCRIBE_URL. Accuracy is modest: fine for "what is this voice note
 * about", not a verbatim record.
 */
export const LOCAL_ENGINE_LANGUAGES = ['en'] as const;

/**
 * Fewer active models and words per frame than the defaults: about 40% less CPU time for the same
 * words on our recordings (the first-pass-only settings halve it again but lose words).
 */
const DECODER = ['-maxhmmpf', '3000', '-maxwpf', '10'];

/** A long note is cut into pieces of this many seconds, decoded side by side on the machine's cores. */
const PIECE_SECONDS = 30;

/** "i would like to book" → "I would like to book.": easier to read under a voice note. */
export function asSentence(utterance: string): string {
  const words = utterance.replace(/\bi\b/g, 'I').replace(/\bi'(m|ll|d|ve)\b/g, "I'$1");
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

export function createLocalEngine(options: { binary?: string; timeoutMs?: number; parallel?: number } = {}): TranscriptionEngine {
  const binary = options.binary ?? 'pocketsphinx_continuous';
  const parallel = Math.max(1, options.parallel ?? Math.min(2, os.availableParallelism()));

  async function decode(wav: string, signal?: AbortSignal): Promise<string> {
    const run = await runProgram(binary, ['-infile', wav, '-logfn', '/dev/null', ...DECODER], { timeoutMs: options.timeoutMs ?? 240_000, signal });
    if (run.code !== 0) throw new TranscriptionFailed('The local speech recogniser stopped with an error. Try again; if it keeps failing, tell your admin.', true);
    // one line per utterance it heard (lower case, no punctuation); nothing at all for silence or music
    return run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map(asSentence)
      .join(' ');
  }

  return {
    name: 'local',
    async transcribe(audio, { signal } = {}) {
      return withTempDir(async (dir) => {
        const wav = await convertToWav(audio.bytes, dir, { signal });
        let pieces = [wav];
        if (parallel > 1) {
          const cut = await runProgram('ffmpeg', ['-v', 'error', '-nostdin', '-i', wav, '-f', 'segment', '-segment_time', String(PIECE_SECONDS), '-c', 'copy', path.join(dir, 'piece-%03d.wav')], { timeoutMs: 60_000, signal });
          const names = (await readdir(dir)).filter((n) => n.startsWith('piece-')).sort();
          if (cut.code === 0 && names.length > 1) pieces = names.map((n) => path.join(dir, n));
        }
        const texts: string[] = new Array(pieces.length);
        let next = 0;
        const worker = async () => {
          for (let i = next++; i < pieces.length; i = next++) texts[i] = await decode(pieces[i], signal);
        };
        await Promise.all(Array.from({ length: Math.min(parallel, pieces.length) }, worker));
        return { text: texts.filter(Boolean).join(' '), language: 'en' };
      });
    },
  };
}
