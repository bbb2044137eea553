import { parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { DRIVERS, startTestRuntime, type Driver } from '../helpers/runtime';

const LIVE = 'subscription { inboxEvents { __typename ... on MessageAdded { message { text attachments { id } chat { id } } } } }';
type LiveEvent = { data: { inboxEvents: { message?: { text: string } } } };

const PER_AUDIENCE = 4;

describe.each(DRIVERS)('shared fan-out (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime(driver);
  });
  afterAll(() => rt?.close());

  it('an event is read once per audience, not per subscriber, and each viewer gets exactly what it may see', async () => {
    const narrowRole = await makeRole(rt.deps, ['CHATS']);
    const wideRole = await makeRole(rt.deps, ['CHATS']);
    const shared = await makeChannel(rt.deps, { roleIds: [narrowRole.id, wideRole.id] });
    const wideOnly = await makeChannel(rt.deps, { roleIds: [wideRole.id] });
    const inShared = await makeChat(rt.deps, shared.id, { text: 'for both audiences' });
    const inWideOnly = await makeChat(rt.deps, wideOnly.id, { text: 'for the wide audience only' });

    const received = new Map<string, string[]>();
    const everyCredentials: { cookie: string }[] = [];
    const iterators: AsyncIterator<unknown>[] = [];
    for (const [audience, role] of [
      ['narrow', narrowRole],
      ['wide', wideRole],
    ] as const) {
      for (let i = 0; i < PER_AUDIENCE; i++) {
        const credentials = { cookie: (await makeEmployee(rt.deps, role.id)).cookie };
        everyCredentials.push(credentials);
        const iterator = (await subscribe({
          schema,
          document: parse(LIVE),
          contextValue: createContext(rt.deps, await buildViewer(rt.deps.db, credentials), 'en', credentials),
        })) as AsyncIterableIterator<LiveEvent>;
        iterators.push(iterator);
        const texts: string[] = [];
        received.set(`${audience} ${i}`, texts);
        void (async () => {
          for await (const event of iterator) texts.push(event.data.inboxEvents.message?.text ?? '?');
        })();
      }
    }

    // viewers are cached for two seconds: fresh ones now, so the count below is the events' own
    for (const credentials of everyCredentials) await buildViewer(rt.deps.db, credentials);
    rt.database.statements.count = 0;
    await rt.deps.bus.publish([
      { id: 9_000_001, type: 'MessageAdded', channelId: shared.id, chatId: inShared.chat.id, messageId: inShared.message.id },
      { id: 9_000_002, type: 'MessageAdded', channelId: wideOnly.id, chatId: inWideOnly.chat.id, messageId: inWideOnly.message.id },
    ]);
    const everyone = () => [...received.values()].reduce((n, texts) => n + texts.length, 0);
    await expect.poll(everyone, { timeout: 10_000 }).toBe(PER_AUDIENCE * 3);
    await new Promise((r) => setTimeout(r, 200));

    for (const [name, texts] of received) {
      expect(texts, name).toEqual(name.startsWith('wide') ? ['for both audiences', 'for the wide audience only'] : ['for both audiences']);
    }
    // per event: the chat and the message once, the attachments once per audience (3 reads for the
    // first event's two audiences... 2 + 2, then 2 + 1); re-reading the viewers costs nothing while
    // auth's two-second cache holds, and at most one lookup per subscriber per event if it lapses.
    // Read per subscriber it was 3 statements × 12 deliveries = 36.
    const statements = rt.database.statements.count;
    expect(statements).toBeGreaterThanOrEqual(7);
    expect(statements).toBeLessThanOrEqual(7 + 2 * 2 * PER_AUDIENCE);
    for (const iterator of iterators) await iterator.return?.();
  });
});
