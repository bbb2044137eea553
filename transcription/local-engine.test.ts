import { describe, expect, it } from 'vitest';
import { speechOggOpus, toneOggOpus, wordsRecognised } from '../tests/helpers/speech';
import { probeAudioSeconds } from './audio';
import { TranscriptionFailed } from './engine';
import { createLocalEngine } from './local-engine';

// real speech from espeak-ng, encoded as OGG/Opus like a WhatsApp voice note, through pocketsphinx
const SAID = 'Hello, I would like to book an appointment for tomorrow morning. Please call me back.';

describe('the local engine (pocketsphinx, offline)', () => {
  it('hears the words of a spoken English voice note', async () => {
    const note = speechOggOpus(SAID);
    const result = await createLocalEngine().transcribe({ bytes: note, mimeType: 'audio/ogg; codecs=opus' });
    expect(result.language).toBe('en');
    // recognition errors are allowed; most of the words must come back, and nothing much besides
    expect(wordsRecognised(SAID, result.text)).toBeGreaterThanOrEqual(0.5);
    expect(result.text).toMatch(/appointment/);
    expect(result.text).toMatch(/tomorrow/);
    expect(result.text.split(/\s+/).length).toBeLessThan(SAID.split(/\s+/).length * 2);
    // read as sentences: capitalised, "I" upper case, a full stop
    expect(result.text).toMatch(/^[A-Z].*\.$/);
  }, 120_000); // a few seconds on an idle machine; much slower while other suites share the cores

  it('a damaged file or one that is not audio fails with a sentence, not retried', async () => {
    const error = await createLocalEngine()
      .transcribe({ bytes: new TextEncoder().encode('<html>not audio</html>'), mimeType: 'audio/ogg' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscriptionFailed);
    expect(error).toMatchObject({ retryable: false, message: 'The audio file could not be read: it may be damaged or not audio at all.' });
  });

  it('the length is read from the file itself', async () => {
    expect(await probeAudioSeconds(toneOggOpus(12))).toBeCloseTo(12, 0);
    expect(await probeAudioSeconds(new Uint8Array())).toBeNull();
    expect(await probeAudioSeconds(new TextEncoder().encode('plain text, no audio'))).toBeNull();
  });
});
