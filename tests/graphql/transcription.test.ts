import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { attachments, jobs, messages } from '../../db/schema';
import { enqueueJob } from '../../jobs/queue';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeStt, type FakeStt } from '../fakes/stt-server';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { speechOggOpus, toneOggOpus } from '../helpers/speech';
import { collect, openSocket } from '../helpers/ws-client';

const TRANSCRIBE = `mutation($id: ID!) { transcribeMessage(messageId: $id) { id transcription { status text language error } } }`;
const LIVE = `subscription { inboxEvents { __typename ... on MessageUpdated { message { id transcription { status text language error } } } } }`;

let voiceNote: Uint8Array;
let sixMinutes: Uint8Array;
beforeAll(() => {
  voiceNote = speechOggOpus('Hello, I would like to book an appointment.');
  sixMinutes = toneOggOpus(360);
}, 180_000);

describe.each(DRIVERS)('transcribeMessage (%s)', (driver) => {
  let rt: BootedRuntime;
  let stt: FakeStt;
  let http: Server;
  let sockets: GraphQLSockets;
  let url: string;
  let channelId: string;
  let operator: Credentials;
  let key: string;

  beforeAll(async () => {
    // LocalAI says the language in its json answer (OpenAI's json does not)
    stt = await startFakeStt({ flavour: 'localai', apiKey: 'sk-test', models: ['whisper-1'], transcript: 'Hello, I would like to book an appointment.', language: 'en' });
    rt = await startTestRuntime(driver, { TRANSCRIBE_URL: stt.url, TRANSCRIBE_API_KEY: 'sk-test', TRANSCRIBE_CONCURRENCY: '2' });
    sockets = createGraphQLSockets(rt.yoga, rt.deps);
    http = createServer((req, res) => void rt.yoga(req, res));
    http.on('upgrade', (req, socket, head) => void (sockets.handleUpgrade(req, socket, head) || socket.destroy()));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    await builtinRoles(rt.deps);
    const role = await makeRole(rt.deps, ['CHATS']);
    channelId = (await makeChannel(rt.deps, { roleIds: [role.id] })).id;
    operator = { cookie: (await makeEmployee(rt.deps, role.id)).cookie };
    key = (await makeApiKey(rt.deps, role.id)).key;
  }, 180_000);
  afterAll(async () => {
    await sockets?.close();
    http?.closeAllConnections();
    await new Promise((r) => http?.close(r));
    await rt?.close();
    await stt?.stop();
  });

  /** A customer's voice note, stored as the media job would have left it. */
  async function voiceMessage(bytes: Uint8Array = voiceNote, durationSeconds: number | null = null) {
    const { message } = await makeChat(rt.deps, channelId, { text: '' });
    await rt.deps.db.update(messages).set({ text: null }).where(eq(messages.id, message.id));
    const storageKey = await rt.deps.media.put(bytes);
    await rt.deps.db.insert(attachments).values({ messageId: message.id, kind: 'audio', mimeType: 'audio/ogg; codecs=opus', storageKey, size: bytes.byteLength, durationSeconds });
    return gid('Message', message.id);
  }
  const rowOf = async (globalId: string) => {
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, Buffer.from(globalId, 'base64').toString().split(':')[1]));
    return row;
  };

  const transcribeJobs = async () => (await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'transcribe'))).length;

  it('PENDING at once, then the text and its language arrive live over a socket, for other operators too', async () => {
    const id = await voiceMessage();
    const socket = openSocket({ url, authorization: `Bearer ${key}` });
    onTestFinished(() => socket.dispose());
    const live = collect<{ inboxEvents: { __typename: string; message?: { id: string; transcription: { status: string; text: string | null; language: string | null } | null } } }>(socket, LIVE);
    await new Promise((r) => setTimeout(r, 300));

    const asked = await gql(rt, operator, TRANSCRIBE, { id });
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.transcribeMessage.transcription).toEqual({ status: 'PENDING', text: null, language: null, error: null });
    await runJobs(rt);

    const states = () => live.events.filter((e) => e.inboxEvents.message?.id === id).map((e) => e.inboxEvents.message!.transcription);
    await expect.poll(() => states().at(-1)?.status, { timeout: 10_000 }).toBe('DONE');
    expect(states()[0]).toMatchObject({ status: 'PENDING' });
    expect(states().at(-1)).toEqual({ status: 'DONE', text: 'Hello, I would like to book an appointment.', language: 'en', error: null });
    expect(stt.requests.at(-1)).toMatchObject({ model: 'whisper-1', authorization: 'Bearer sk-test', file: { fileName: 'voice-note.ogg' } });
    live.stop();

    // the length was read from the file and kept
    const [audio] = await rt.deps.db.select().from(attachments).where(eq(attachments.messageId, (await rowOf(id)).id));
    expect(audio.durationSeconds).toBeGreaterThan(1);
  });

  it('asking again while pending or done returns the same state without a second job', async () => {
    const id = await voiceMessage();
    const before = await transcribeJobs();
    await gql(rt, operator, TRANSCRIBE, { id });
    const again = await gql(rt, operator, TRANSCRIBE, { id });
    expect(again.data!.transcribeMessage.transcription.status).toBe('PENDING');
    expect(await transcribeJobs()).toBe(before + 1);
    await runJobs(rt);
    const done = await gql(rt, operator, TRANSCRIBE, { id });
    expect(done.data!.transcribeMessage.transcription).toMatchObject({ status: 'DONE', text: expect.stringContaining('appointment') });
    expect(await transcribeJobs()).toBe(before + 1);
  });

  it('a PENDING transcription whose job is gone is queued again when asked, not stuck for ever', async () => {
    const id = await voiceMessage();
    await gql(rt, operator, TRANSCRIBE, { id });
    await rt.deps.db.delete(jobs).where(eq(jobs.kind, 'transcribe'));
    expect((await gql(rt, operator, TRANSCRIBE, { id })).data!.transcribeMessage.transcription.status).toBe('PENDING');
    expect(await transcribeJobs()).toBe(1);
    await runJobs(rt);
    expect((await rowOf(id)).transcriptionStatus).toBe('DONE');
  });

  it('a server that stays down leaves FAILED with a reason after the retries, and "try again" works later', async () => {
    const id = await voiceMessage();
    // 3 tries in the client, twice (the job's two attempts)
    stt.failNext('rateLimited', 'rateLimited', 'rateLimited', 'rateLimited', 'rateLimited', 'rateLimited');
    await gql(rt, operator, TRANSCRIBE, { id });
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const failed = await gql(rt, operator, `query($id: ID!) { node(id: $id) { ... on Message { transcription { status text error } } } }`, { id });
    expect(failed.data!.node.transcription).toEqual({ status: 'FAILED', text: null, error: expect.stringContaining('The transcription server is busy or over its quota') });
    const retried = await gql(rt, operator, TRANSCRIBE, { id });
    expect(retried.data!.transcribeMessage.transcription.status).toBe('PENDING');
    await runJobs(rt);
    const done = await gql(rt, operator, `query($id: ID!) { node(id: $id) { ... on Message { transcription { status text } } } }`, { id });
    expect(done.data!.node.transcription).toMatchObject({ status: 'DONE', text: expect.stringContaining('appointment') });
  }, 60_000);

  it('a 6-minute file is refused before anything is sent, its length read from the file', async () => {
    const sent = stt.requests.length;
    const res = await gql(rt, operator, TRANSCRIBE, { id: await voiceMessage(sixMinutes) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('Audio up to 5 minutes can be transcribed; this one is 6:00 long.');
    expect(stt.requests.length).toBe(sent);
  });

  it('an empty or damaged file, or one that is not audio, is refused with a sentence', async () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('<html>hello</html>')]) {
      const res = await gql(rt, operator, TRANSCRIBE, { id: await voiceMessage(bytes) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toBe('This file is empty, damaged or not audio, so it cannot be transcribed.');
    }
  });

  it('a text message is refused; a role without Chats gets FORBIDDEN and one without the channel NOT_FOUND', async () => {
    const { message } = await makeChat(rt.deps, channelId, { text: 'Just words' });
    const text = await gql(rt, operator, TRANSCRIBE, { id: gid('Message', message.id) });
    expect(errorCode(text)).toBe('BAD_USER_INPUT');
    expect(text.errors![0].message).toBe('Only voice notes and audio files can be transcribed; this message has no audio.');
    const id = await voiceMessage();
    const noChats = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CLIENTS'])).id)).cookie };
    expect(errorCode(await gql(rt, noChats, TRANSCRIBE, { id }))).toBe('FORBIDDEN');
    const otherChannel = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie };
    expect(errorCode(await gql(rt, otherChannel, TRANSCRIBE, { id }))).toBe('NOT_FOUND');
    expect((await rowOf(id)).transcriptionStatus).toBeNull();
  });

  it('at most TRANSCRIBE_CONCURRENCY transcriptions run at once, and other jobs do not wait behind them', async () => {
    stt.delayMs = 1500;
    try {
      const ids = [await voiceMessage(), await voiceMessage(), await voiceMessage(), await voiceMessage()];
      for (const id of ids) await gql(rt, operator, TRANSCRIBE, { id });
      const { chat } = await makeChat(rt.deps, channelId);
      const other = await enqueueJob(rt.deps.db, 'prune-history', { chatId: chat.id });
      await runJobs(rt);
      const rows = await rt.deps.db.select().from(jobs);
      const prune = rows.find((j) => j.id === other)!;
      const transcribed = rows.filter((j) => j.kind === 'transcribe' && j.state === 'DONE').map((j) => j.finishedAt!.getTime());
      expect(stt.maxInFlight).toBe(2);
      expect(prune.state).toBe('DONE');
      expect(prune.finishedAt!.getTime()).toBeLessThan(Math.max(...transcribed) - 1000);
    } finally {
      stt.delayMs = 0;
    }
  }, 60_000);
});
