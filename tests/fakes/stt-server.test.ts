import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { speechOggOpus } from '../helpers/speech';
import { startFakeStt, type FakeStt } from './stt-server';

let ogg: Uint8Array;
let stt: FakeStt | undefined;
beforeAll(() => {
  ogg = speechOggOpus('Testing the fake.');
});
afterEach(async () => {
  await stt?.stop();
  stt = undefined;
});

function post(url: string, fields: Record<string, string>, file: Uint8Array | null = ogg, fileName = 'note.ogg') {
  const form = new FormData();
  if (file) form.append('file', new Blob([file as Uint8Array<ArrayBuffer>], { type: 'audio/ogg' }), fileName);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(url, { method: 'POST', body: form });
}

describe('the fake speech-to-text server (PLATFORMS.md F.3)', () => {
  it('answers json, text and verbose_json; verbose language is a full name (OpenAI, whisper.cpp) or a code (speaches)', async () => {
    stt = await startFakeStt({ transcript: 'Hi there', language: 'de' });
    expect(await (await post(stt.url, { model: 'whisper-1' })).json()).toMatchObject({ text: 'Hi there' });
    const text = await post(stt.url, { model: 'whisper-1', response_format: 'text' });
    expect([text.headers.get('content-type'), await text.text()]).toEqual(['text/plain; charset=utf-8', 'Hi there\n']);
    expect(await (await post(stt.url, { model: 'whisper-1', response_format: 'verbose_json' })).json()).toMatchObject({ language: 'german', text: 'Hi there' });
    await stt.stop();
    stt = await startFakeStt({ flavour: 'speaches', language: 'de' });
    expect(await (await post(stt.url, { model: 'm', response_format: 'verbose_json' })).json()).toMatchObject({ language: 'de' });
  });

  it('requires file and model (not the model for whisper.cpp), and refuses what real servers refuse', async () => {
    stt = await startFakeStt();
    expect((await post(stt.url, { model: 'whisper-1' }, null)).status).toBe(400);
    expect((await post(stt.url, {})).status).toBe(400);
    expect((await post(stt.url, { model: 'whisper-1' }, ogg, 'note')).status).toBe(400);
    await stt.stop();
    stt = await startFakeStt({ flavour: 'localai' });
    expect(await (await post(stt.url, { model: 'm', response_format: 'text' })).json()).toMatchObject({ error: { message: 'invalid response_format' } });
  });

  it('whisper.cpp: /inference, HTTP 200 errors, OGG/Opus only with --convert', async () => {
    stt = await startFakeStt({ flavour: 'whisper.cpp', path: '/inference' });
    const refused = await post(stt.url, {});
    expect([refused.status, await refused.json()]).toEqual([200, { error: 'failed to read audio data' }]);
    const noFile = await post(stt.url, {}, null);
    expect([noFile.status, await noFile.json()]).toEqual([200, { error: "no 'file' field in the request" }]);
    await stt.stop();
    stt = await startFakeStt({ flavour: 'whisper.cpp', path: '/inference', convert: true, transcript: 'converted' });
    expect(await (await post(stt.url, {})).json()).toEqual({ text: 'converted' });
  });

  it('429 carries the OpenAI envelope and Retry-After', async () => {
    stt = await startFakeStt();
    stt.failNext('rateLimited');
    const res = await post(stt.url, { model: 'whisper-1' });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '1']);
    expect(await res.json()).toMatchObject({ error: { type: 'requests', message: expect.stringContaining('Rate limit') } });
  });
});
