import { parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { gid } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, type Driver } from '../helpers/runtime';

const LIVE = 'subscription { inboxEvents { __typename ... on ChatUpdated { chat { id } } } }';

describe.each(DRIVERS)('live events that fail (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime(driver);
  });
  afterAll(() => rt?.close());

  it('a live event that cannot be read is logged, and the events after it still arrive', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    const { chat } = await makeChat(rt.deps, channel.id);
    const operator = await makeEmployee(rt.deps, Operator.id);
    const logged = vi.spyOn(rt.deps.log, 'error');

    const iterator = (await subscribe({
      schema,
      document: parse(LIVE),
      contextValue: createContext(rt.deps, await buildViewer(rt.deps.db, { cookie: operator.cookie })),
    })) as AsyncIterableIterator<{ data: { inboxEvents: { __typename: string; chat?: { id: string } } } }>;
    const received: string[] = [];
    void (async () => {
      for await (const event of iterator) received.push(event.data.inboxEvents.chat?.id ?? event.data.inboxEvents.__typename);
    })();

    // a message id the database refuses to compare (not a uuid): reading the event throws
    await rt.deps.bus.publish([{ id: 1_000_001, type: 'MessageUpdated', channelId: channel.id, chatId: chat.id, messageId: 'not-a-uuid' }]);
    await rt.deps.bus.publish([{ id: 1_000_002, type: 'ChatUpdated', channelId: channel.id, chatId: chat.id, messageId: null }]);

    await expect.poll(() => received).toEqual([gid('Chat', chat.id)]);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ eventId: 1_000_001 }), expect.stringMatching(/live event/));
    await iterator.return?.();
  });
});
