import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Deps } from '../../domain/deps';
import { jobs, messages } from '../../db/schema';
import { enqueueJob } from '../../jobs/queue';
import { bootRuntime, type BootedRuntime } from '../../runtime/boot';
import { createDatabase } from '../harness/postgres';
import { makeChannel, makeChat } from '../helpers/factories';
import { pageBody, postMeta, textEvent } from '../helpers/meta-webhook';
import { silentLog, startTestRuntime, testConfig } from '../helpers/runtime';

describe('lean ingest (PostgreSQL)', () => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime('postgres');
  });
  afterAll(() => rt?.close());

  it("a customer's message is stored in a handful of statements, a new chat or not", async () => {
    const channel = await makeChannel(rt.deps);
    const counted = async (psid: string, text: string) => {
      const before = rt.database.statements.count;
      expect((await postMeta(rt.deps, pageBody(channel.externalId, [textEvent(channel.externalId, psid, text)]))).status).toBe(200);
      return rt.database.statements.count - before;
    };
    // the first webhook of a channel also notes its time; then: channel and raw event, contact and chat, the message with all it implies
    await counted('8100001', 'warming up');
    expect(await counted('8100002', 'a new customer')).toBeLessThanOrEqual(3);
    expect(await counted('8100002', 'writing again')).toBeLessThanOrEqual(3);
  });

  it('a burst of messages in one chat queues one history trim, not one per message', async () => {
    const channel = await makeChannel(rt.deps);
    const { chat } = await makeChat(rt.deps, channel.id, { psid: '8200001' });
    for (let i = 0; i < 5; i++) {
      expect((await postMeta(rt.deps, pageBody(channel.externalId, [textEvent(channel.externalId, '8200001', `burst ${i}`)]))).status).toBe(200);
    }
    const trims = (await rt.deps.db.select().from(jobs).where(eq(jobs.kind, 'prune-history'))).filter((j) => (j.payload as { chatId: string }).chatId === chat.id);
    expect(trims).toHaveLength(1);
    expect(trims[0].state).toBe('QUEUED');
  });

  it('the webhook is answered once the events are committed, without waiting for live events to go out', async () => {
    const channel = await makeChannel(rt.deps);
    let published = 0;
    const stuckBus: Deps['bus'] = { ...rt.deps.bus, publish: () => new Promise<void>(() => void published++) };
    const answer = postMeta({ ...rt.deps, bus: stuckBus }, pageBody(channel.externalId, [textEvent(channel.externalId, '8300001', 'answer me', Date.now(), 'm_lean_answer')]));
    const status = await Promise.race([answer.then((r) => r.status), new Promise((resolve) => setTimeout(() => resolve('held'), 5000))]);
    expect(status).toBe(200);
    expect(published).toBe(1);
    expect(await rt.deps.db.select().from(messages).where(eq(messages.providerMessageId, 'm_lean_answer'))).toHaveLength(1);
  });
});

describe('RUN_JOBS', () => {
  it('is on by default; RUN_JOBS=false makes a web process run no jobs', async () => {
    expect(loadConfig({}).jobs.run).toBe(true);
    expect(loadConfig({ RUN_JOBS: 'false' }).jobs.run).toBe(false);
    expect(() => loadConfig({ RUN_JOBS: 'sometimes' })).toThrow(/RUN_JOBS must be true or false/);

    const web = await bootRuntime({ config: testConfig({ RUN_JOBS: 'false', DATABASE_URL: await createDatabase(inject('pgUrl')) }), log: silentLog });
    try {
      const ran: string[] = [];
      await enqueueJob(web.deps.db, 'check-channels', {});
      web.deps.wakeJobs();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await web.deps.db.select().from(jobs).where(eq(jobs.kind, 'check-channels'));
      for (const j of waiting) ran.push(j.state);
      expect(ran).toEqual(['QUEUED']);
    } finally {
      await web.close();
    }
  });
});
