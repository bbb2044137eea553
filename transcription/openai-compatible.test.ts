import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStt, type FakeStt } from '../tests/fakes/stt-server';
import { speechOggOpus } from '../tests/helpers/speech';
import { TranscriptionFailed } from './engine';
import { createOpenAICompatibleEngine, type OpenAICompatibleOptions } from './openai-compatible';

let voice: Uint8Array;
let stt: FakeStt | undefined;
beforeAll(() => {
  voice = speechOggOpus('Hello, I would like to book an appointment.');
});
afterEach(async () => {
  await stt?.stop();
  stt = undefined;
});

const engine = (fake: FakeStt, options: Partial<OpenAICompatibleOptions> = {}) =>
  createOpenAICompatibleEngine({ url: fake.url, model: 'whisper-1', backoffMs: 10, ...options });
const note = () => ({ bytes: voice, mimeType: 'audio/ogg; codecs=opus' });

async function failure(promise: Promise<unknown>): Promise<TranscriptionFailed> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TranscriptionFailed);
  return error as TranscriptionFailed;
}

describe('an OpenAI-compatible transcription server', () => {
  it('OpenAI gets the voice note as multipart with a filename, the model, json and the key, and its text comes back', async () => {
    stt = await startFakeStt({ flavour: 'openai', apiKey: 'sk-test', transcript: 'Hello, I would like to book an appointment.' });
    const result = await engine(stt, { apiKey: 'sk-test' }).transcribe(note());
    expect(result).toEqual({ text: 'Hello, I would like to book an appointment.', language: null });
    expect(stt.requests).toMatchObject([
      { model: 'whisper-1', responseFormat: 'json', authorization: 'Bearer sk-test', status: 200, file: { fileName: 'voice-note.ogg', mimeType: 'audio/ogg', head: 'OggS' } },
    ]);
  });

  it('a wrong key is a failure that names the key, not retried', async () => {
    stt = await startFakeStt({ flavour: 'openai', apiKey: 'sk-right' });
    const error = await failure(engine(stt, { apiKey: 'sk-wrong' }).transcribe(note()));
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('TRANSCRIBE_API_KEY') });
    expect(stt.requests).toHaveLength(1);
  });

  it("LocalAI's json with a language, and speaches' ISO code in verbose output, give the language as a code", async () => {
    stt = await startFakeStt({ flavour: 'localai', language: 'de', transcript: 'Guten Tag, ich möchte einen Termin.' });
    expect(await engine(stt).transcribe(note())).toEqual({ text: 'Guten Tag, ich möchte einen Termin.', language: 'de' });
  });

  it('a plain-text body (a server that answers text whatever was asked) is read as the transcript', async () => {
    stt = await startFakeStt({ flavour: 'openai', transcript: 'Just text.' });
    const plain = createOpenAICompatibleEngine({
      url: stt.url,
      model: 'whisper-1',
      fetch: async (url, init) => {
        const form = init!.body as FormData;
        form.set('response_format', 'text');
        return fetch(url, init);
      },
    });
    expect(await plain.transcribe(note())).toEqual({ text: 'Just text.', language: null });
    expect(stt.requests[0]).toMatchObject({ responseFormat: 'text', status: 200 });
  });

  it("whisper.cpp's /inference gets 16 kHz WAV (it cannot read OGG/Opus without --convert), and the model is optional there", async () => {
    stt = await startFakeStt({ flavour: 'whisper.cpp', path: '/inference', transcript: 'Hello from whisper.cpp' });
    expect(await engine(stt).transcribe(note())).toEqual({ text: 'Hello from whisper.cpp', language: null });
    expect(stt.requests[0]).toMatchObject({ status: 200, file: { fileName: 'voice-note.wav', mimeType: 'audio/wav', head: 'RIFF' } });
  });

  it('whisper.cpp answering HTTP 200 with {"error": ...} is a failure with its reason, not an empty transcript', async () => {
    // whisper.cpp started with --inference-path /v1/audio/transcriptions and without --convert
    stt = await startFakeStt({ flavour: 'whisper.cpp' });
    const error = await failure(engine(stt).transcribe(note()));
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('failed to read audio data') });
  });

  it('speaches: a model that is not installed (404) and audio it cannot decode (415) fail at once with a sentence', async () => {
    stt = await startFakeStt({ flavour: 'speaches', models: ['Systran/faster-whisper-small'] });
    const missing = await failure(engine(stt, { model: 'Systran/faster-whisper-large-v3' }).transcribe(note()));
    expect(missing).toMatchObject({ retryable: false, message: expect.stringMatching(/does not know the model "Systran\/faster-whisper-large-v3".*not installed locally/) });
    const garbage = await failure(engine(stt, { model: 'Systran/faster-whisper-small' }).transcribe({ bytes: new TextEncoder().encode('not audio at all'), mimeType: 'audio/ogg' }));
    expect(garbage).toMatchObject({ retryable: false, message: 'The transcription server could not decode this audio file.' });
    expect(stt.requests.map((r) => r.status)).toEqual([404, 415]);
  });

  it('a server that refuses the size (413) is not retried; a file over 25 MB is not even sent', async () => {
    stt = await startFakeStt({ flavour: 'openai' });
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(voice);
    const refused = await failure(engine(stt).transcribe({ bytes: big, mimeType: 'audio/ogg' }));
    expect(refused).toMatchObject({ retryable: false, message: expect.stringContaining('larger than 25 MB') });
    expect(stt.requests).toHaveLength(0);
    // a body a little under our cap but over the server's (multipart overhead): its 413
    const near = new Uint8Array(25 * 1024 * 1024 - 10);
    near.set(voice);
    const tooLarge = await failure(engine(stt).transcribe({ bytes: near, mimeType: 'audio/ogg' }));
    expect(tooLarge).toMatchObject({ retryable: false, message: 'The audio is larger than the transcription server accepts.' });
    expect(stt.requests).toHaveLength(1);
  });

  it('429 and 5xx are retried with backoff (Retry-After honoured), then the text comes back', async () => {
    stt = await startFakeStt({ flavour: 'openai', transcript: 'After a while.' });
    stt.failNext('rateLimited', 'badGateway');
    const started = Date.now();
    expect(await engine(stt, { attempts: 3 }).transcribe(note())).toMatchObject({ text: 'After a while.' });
    expect(stt.requests.map((r) => r.status)).toEqual([429, 502, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a server that stays down fails after the retries, as retryable, with a sentence', async () => {
    stt = await startFakeStt({ flavour: 'openai' });
    stt.failNext('serverError', 'serverError', 'serverError');
    const error = await failure(engine(stt, { attempts: 3 }).transcribe(note()));
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('had an error (HTTP 500)') });
    expect(stt.requests).toHaveLength(3);
    const nobody = createOpenAICompatibleEngine({ url: 'http://127.0.0.1:9/v1/audio/transcriptions', model: 'whisper-1', attempts: 2, backoffMs: 1 });
    expect(await failure(nobody.transcribe(note()))).toMatchObject({ retryable: true, message: 'The transcription server at 127.0.0.1:9 could not be reached.' });
  });

  it('a slow answer within the timeout is waited for; one past it is given up', async () => {
    stt = await startFakeStt({ flavour: 'whisper.cpp', path: '/inference', delayMs: 400, transcript: 'Slow but sure.' });
    expect(await engine(stt, { timeoutMs: 5000 }).transcribe(note())).toMatchObject({ text: 'Slow but sure.' });
    stt.failNext('hang');
    const error = await failure(engine(stt, { timeoutMs: 300, attempts: 1 }).transcribe(note()));
    expect(error).toMatchObject({ retryable: true, message: 'The transcription server did not answer within 1 s.' });
  });
});
