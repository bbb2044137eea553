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
 * Faster decoding settings: no second (flat-lexicon) pass and no lattice best path, fewer active
 * models per frame. About half the CPU time of the defaults for nearly the same words, which is
 * what lets a 5-minute note finish within the minute on two cores.
 */
const FAST = ['-fwdflat', 'no', '-bestpath', 'no', '-maxhmmpf', '3000', '-maxwpf', '10', '-pl_window', '5'];

export function createLocalEngine(options: { binary?: string; timeoutMs?: number } = {}): TranscriptionEngine {
  const binary = options.binary ?? 'pocketsphinx_continuous';
  return {
    name: 'local',
    async transcribe(audio, { signal } = {}) {
      return withTempDir(async (dir) => {
        const wav = await convertToWav(audio.bytes, dir, { signal });
        const run = await runProgram(binary, ['-infile', wav, '-logfn', '/dev/null', ...FAST], { timeoutMs: options.timeoutMs ?? 240_000, signal });
        if (run.code !== 0) throw new TranscriptionFailed('The local speech recogniser stopped with an error. Try again; if it keeps failing, tell your admin.', true);
        // one line per utterance it heard; nothing at all for silence or music
        const text = run.stdout
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .join(' ');
        return { text, language: 'en' };
      });
    },
  };
}
