import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { messages } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel, makeChat } from '../helpers/factories';
import { runJobs } from '../helpers/jobs';
import { pageBody, postMeta, textEvent } from '../helpers/meta-webhook';
import { startTestRuntime } from '../helpers/runtime';

describe('the history limit', () => {
  it('is 500 messages per chat when CHAT_HISTORY_LIMIT is unset or blank, and 0 keeps all', () => {
    expect(loadConfig({}).chatHistoryLimit).toBe(500);
    expect(loadConfig({ CHAT_HISTORY_LIMIT: '' }).chatHistoryLimit).toBe(500);
    expect(loadConfig({ CHAT_HISTORY_LIMIT: '0' }).chatHistoryLimit).toBe(0);
  });

  describe('by default', () => {
    let rt: BootedRuntime;
    beforeAll(async () => {
      // no CHAT_HISTORY_LIMIT: the default applies
      rt = await startTestRuntime('pglite');
    });
    afterAll(() => rt?.close());

    it('a chat keeps its newest 500 messages: the 501st to arrive pushes out the oldest', async () => {
      const channel = await makeChannel(rt.deps);
      const psid = '5005001';
      const { chat, message: oldest } = await makeChat(rt.deps, channel.id, { psid, lastInboundAgoMs: 3_600_000 });
      const start = Date.now() - 3_000_000;
      // 499 more, so the chat holds exactly 500 before the customer writes again
      await rt.deps.db.insert(messages).values(
        Array.from({ length: 499 }, (_, i) => ({ chatId: chat.id, channelId: channel.id, direction: 'INBOUND' as const, status: 'RECEIVED' as const, text: `old ${i}`, providerMessageId: `m_history_${i}`, sentAt: new Date(start + i * 1000) })),
      );
      expect((await postMeta(rt.deps, pageBody(channel.externalId, [textEvent(channel.externalId, psid, 'one more')]))).status).toBe(200);
      await runJobs(rt, { skipBackoff: true, rounds: 3 });

      const [{ n }] = await rt.deps.db.select({ n: count() }).from(messages).where(eq(messages.chatId, chat.id));
      expect(Number(n)).toBe(500);
      const [first] = await rt.deps.db.select().from(messages).where(eq(messages.chatId, chat.id)).orderBy(asc(messages.sentAt)).limit(1);
      expect(first.id).not.toBe(oldest.id);
      expect(first.text).toBe('old 0');
    });
  });
});
