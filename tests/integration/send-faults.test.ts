import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { jobs, messages } from '../../db/schema';
import { bootRuntime, type BootedRuntime } from '../../runtime/boot';
import { fakeGraphErrors, startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import type { GraphScriptedFailure } from '../fakes/graph-fake-kit';
import { createDatabase } from '../harness/postgres';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { runJobs } from '../helpers/jobs';
import { silentLog, TEST_APP_SECRET, TEST_VERIFY_TOKEN, testConfig } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

/** How long our side waits for the platform here: the real 15 s, shortened so the suite stays quick. */
const DEADLINE_MS = 1500;

/**
 * The platform's fetch with a short deadline: past it the call fails as our timeout does, while
 * the request itself goes on, so the platform still gets it (as a timed-out real send may).
 */
const fetchWithDeadline: typeof fetch = (input, init) => {
  const isSend = init?.method === 'POST' && new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith('/me/messages');
  if (isSend) sends.maxInFlight = Math.max(sends.maxInFlight, ++sends.inFlight);
  return Promise.race([
    fetch(input, { ...init, signal: undefined }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new DOMException('The operation timed out.', 'TimeoutError')), DEADLINE_MS)),
  ]).finally(() => {
    if (isSend) sends.inFlight--;
  });
};

/** Sends to the platform under way at once, as our side sees them. */
const sends = { inFlight: 0, maxInFlight: 0 };

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

describe('sends toward a failing platform (PostgreSQL)', () => {
  let databaseUrl: string;
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let hook: Awaited<ReturnType<typeof serveMetaWebhook>>;
  let admin: Credentials;
  let psidSeq = 0;

  beforeAll(async () => {
    databaseUrl = await createDatabase(inject('pgUrl'));
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
    rt = await bootRuntime({ config: testConfig({ DATABASE_URL: databaseUrl, META_GRAPH_URL: graph.url }), log: silentLog, startJobs: false, fetch: fetchWithDeadline });
    hook = await serveMetaWebhook(rt.deps);
    graph.setWebhookUrl(hook.url);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const connected = await gql(rt, admin, 'mutation($id: String!, $token: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $token) { state } }', {
      id: graph.page.id,
      token: graph.page.token,
    });
    expect(connected.errors).toBeUndefined();
  });
  afterEach(() => graph.clearFailures());
  afterAll(async () => {
    await rt?.close();
    await hook?.close();
    await graph?.stop();
  });

  /** A new customer writes; returns the chat's id. */
  async function customerChat(): Promise<string> {
    const psid = `6543210988${String(++psidSeq).padStart(6, '0')}`;
    await graph.customerWrites(psid, 'Hello?', { timestamp: Date.now() - 60_000 });
    await graph.idle();
    const chats = await gql(rt, admin, '{ chats(first: 50) { edges { node { id contact { externalId } } } } }');
    return chats.data!.chats.edges.find((e: { node: { contact: { externalId: string } } }) => e.node.contact.externalId === psid).node.id;
  }

  /** The operator answers `text` in the chat. Returns the message's row id. */
  async function answer(chatId: string, text: string) {
    const sent = await gql(rt, admin, 'mutation($c: ID!, $t: String!) { sendMessage(chatId: $c, text: $t) { id } }', { c: chatId, t: text });
    expect(sent.errors).toBeUndefined();
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.text, text));
    return row.id;
  }

  /** A customer writes; then the operator answers `text`. Returns the message's row id. */
  const operatorAnswers = async (text: string) => answer(await customerChat(), text);

  const failSends = (failure: GraphScriptedFailure, times = 1) => graph.failNext({ ...failure, match: { method: 'POST', path: '/me/messages' } }, times);
  const sendJob = async (messageId: string) =>
    (await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'send-message'))).find((j) => (j.payload as { messageId: string }).messageId === messageId)!;
  const received = (text: string) => graph.sent.filter((s) => s.text === text).length;
  const sendCalls = () => graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/me/messages')).length;

  it('429, 5xx and a bad gateway are asked again until the platform takes the message, which it then has once', async () => {
    failSends({ status: 429, code: 4, type: 'OAuthException', message: '(#4) Application request limit reached', retryAfterSeconds: 1 });
    failSends(fakeGraphErrors.serverError);
    failSends(fakeGraphErrors.badGateway);
    const id = await operatorAnswers('after three refusals');
    await runJobs(rt, { skipBackoff: true, rounds: 5 });
    await graph.idle();
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(row).toMatchObject({ status: 'SENT', error: null });
    expect(received('after three refusals')).toBe(1);
    expect(await sendJob(id)).toMatchObject({ state: 'DONE', attempts: 4 });
  });

  it('two answers in one chat reach the platform in the order they were sent, although jobs run side by side', async () => {
    // slow sends: run side by side, the second could overtake the first
    failSends({ delayMs: 500 }, 2);
    const chat = await customerChat();
    await answer(chat, 'first of two');
    await answer(chat, 'second of two');
    sends.maxInFlight = 0;
    await runJobs(rt);
    await graph.idle();
    expect(sends.maxInFlight, 'sends of one chat under way at once').toBe(1);
    expect(graph.sent.map((s) => s.text).filter((t) => t?.endsWith(' of two'))).toEqual(['first of two', 'second of two']);
  });

  it('a platform that keeps answering 5xx: FAILED with the reason after the last attempt, and never delivered', async () => {
    failSends(fakeGraphErrors.unexpected, 20);
    const id = await operatorAnswers('never through');
    await runJobs(rt, { skipBackoff: true, rounds: 8 });
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/unexpected error/i);
    expect(received('never through')).toBe(0);
    // the job itself ends there: the failure is the message's
    expect(await sendJob(id)).toMatchObject({ state: 'DONE', attempts: 6 });
  });

  it('a send the platform takes without answering in time is not sent again: FAILED as unconfirmed until its echo confirms it', async () => {
    failSends({ delayMs: DEADLINE_MS + 1500 });
    const id = await operatorAnswers('slow platform');
    await runJobs(rt, { skipBackoff: true, rounds: 3 });
    const [failed] = await rt.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'UNCONFIRMED' });
    expect(failed.error).toMatch(/may or may not have arrived/);
    // the platform answers late and sends its echo, which carries our id
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await graph.idle();
    const [confirmed] = await rt.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(confirmed).toMatchObject({ status: 'SENT', error: null, errorCode: null });
    expect(received('slow platform')).toBe(1);
  });

  it('a worker killed while the platform has the send: the job is taken back after its lock, and the message is not sent twice', async () => {
    // the platform takes the message and answers only after the worker is gone
    failSends({ delayMs: 6000 });
    const id = await operatorAnswers('worker dies mid-send');
    const before = sendCalls();
    const worker = startWorker(databaseUrl, graph.url);
    try {
      // the worker boots first (tsx compiles the app: several seconds on a busy machine)
      const deadline = Date.now() + 90_000;
      while (sendCalls() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sendCalls(), 'the worker handed the send over').toBe(before + 1);
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));

      const [held] = await rt.deps.db.select().from(jobs).where(eq(jobs.id, (await sendJob(id)).id));
      expect(held).toMatchObject({ state: 'RUNNING', checkpoint: 'handing-over' });
      // not before its lock runs out
      await rt.jobs.drain();
      expect(await sendJob(id)).toMatchObject({ state: 'RUNNING', attempts: 1 });
      await new Promise((resolve) => setTimeout(resolve, held.lockedUntil!.getTime() - Date.now() + 200));
      await rt.jobs.drain();
    } finally {
      worker.kill('SIGKILL');
    }
    expect(await sendJob(id)).toMatchObject({ state: 'DONE', attempts: 2 });
    const [row] = await rt.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(row).toMatchObject({ status: 'FAILED', errorCode: 'UNCONFIRMED' });
    expect(sendCalls()).toBe(before + 1);
  }, 150_000);

  /** `npm run worker` as its own process (one process, so SIGKILL kills the worker itself). */
  function startWorker(url: string, graphUrl: string): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/worker.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'chats-worker-')),
        META_GRAPH_URL: graphUrl,
        META_APP_SECRET: TEST_APP_SECRET,
        META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
        JOB_LOCK_SECONDS: '2',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }
});
