import { eq } from 'drizzle-orm';
import type { GraphQLFieldResolver } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { chats } from '../../db/schema';
import { createSession } from '../../domain/employees/sessions';
import { SESSION_COOKIE } from '../../auth/cookies';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { gid } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { collect, openSocket, serveGraphQL, type SocketOptions } from '../helpers/ws-client';

type ChatUpdated = {
  inboxEvents: {
    __typename: string;
    chat?: { id: string; channel?: { roles: { id: string }[] }; archivedBy?: { email: string; sessions: { id: string; current: boolean }[] } | null };
  };
};

// every execution of a live event's answer passes through the subscription field's resolver
let executions = 0;
const inboxEvents = schema.getSubscriptionType()!.getFields().inboxEvents;
const resolveEvent = inboxEvents.resolve as GraphQLFieldResolver<unknown, unknown>;
inboxEvents.resolve = (...args) => {
  executions++;
  return resolveEvent(...args);
};

let eventId = 7_000_000;

describe.each(DRIVERS)('identical live subscriptions share one execution (%s)', (driver) => {
  let rt: BootedRuntime;
  let server: Awaited<ReturnType<typeof serveGraphQL>>;
  let url: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    server = await serveGraphQL(rt);
    url = server.url;
    await builtinRoles(rt.deps);
  });
  afterAll(async () => {
    await server?.close();
    await rt?.close();
  });

  const chatUpdated = (channelId: string, chatId: string) => rt.deps.bus.publish([{ id: ++eventId, type: 'ChatUpdated', channelId, chatId, messageId: null }]);

  /**
   * One socket per subscriber, each with its own subscription to `query`, listening for sure: warm-up
   * events of the chat until each has one (a busy machine takes a while to open them all), then
   * nothing received so far.
   */
  async function subscribers(who: Omit<SocketOptions, 'url'>[], query: string, chat: { channelId: string; id: string }) {
    const all = who.map((credentials) => {
      const client = openSocket({ url, ...credentials });
      onTestFinished(() => client.dispose());
      return collect<ChatUpdated>(client, query);
    });
    for (let tries = 0; all.some((s) => !s.events.length) && tries < 50; tries++) {
      await chatUpdated(chat.channelId, chat.id);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 200));
    for (const s of all) s.events.length = 0;
    return all;
  }

  it('six subscribers with the same operation and the same access cost one execution per event, and all get it', async () => {
    const role = await makeRole(rt.deps, ['CHATS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    const { chat } = await makeChat(rt.deps, channel.id);
    const keys = [await makeApiKey(rt.deps, role.id), await makeApiKey(rt.deps, role.id), await makeApiKey(rt.deps, role.id)];
    const live = await subscribers(
      [...keys, ...keys].map(({ authorization }) => ({ authorization })),
      'subscription { inboxEvents { __typename ... on ChatUpdated { cursor chat { id unread title } } } }',
      chat,
    );

    executions = 0;
    await chatUpdated(channel.id, chat.id);
    await expect.poll(() => live.filter((s) => s.events.length === 1).length, { timeout: 10_000 }).toBe(6);
    expect(executions).toBe(1);
    expect(new Set(live.map((s) => JSON.stringify(s.events[0]))).size).toBe(1);
    expect(live[0].events[0].inboxEvents.chat?.id).toBe(gid('Chat', chat.id));

    // the next event is executed once again, not answered from the first one
    await chatUpdated(channel.id, chat.id);
    await expect.poll(() => live.filter((s) => s.events.length === 2).length, { timeout: 10_000 }).toBe(6);
    expect(executions).toBe(2);
  });

  it('subscribers with different permissions get different answers to the same operation', async () => {
    const chatsOnly = await makeRole(rt.deps, ['CHATS']);
    const settings = await makeRole(rt.deps, ['CHATS', 'SETTINGS']);
    const channel = await makeChannel(rt.deps, { roleIds: [chatsOnly.id, settings.id] });
    const { chat } = await makeChat(rt.deps, channel.id);
    const [plain, admin] = await subscribers(
      [{ authorization: (await makeApiKey(rt.deps, chatsOnly.id)).authorization }, { authorization: (await makeApiKey(rt.deps, settings.id)).authorization }],
      'subscription { inboxEvents { __typename ... on ChatUpdated { chat { id channel { roles { id } } } } } }',
      chat,
    );

    await chatUpdated(channel.id, chat.id);
    await expect.poll(() => plain.events.length + admin.events.length, { timeout: 10_000 }).toBe(2);
    expect(plain.events[0].inboxEvents.chat?.channel?.roles).toEqual([]);
    expect(admin.events[0].inboxEvents.chat?.channel?.roles.map((r) => r.id).sort()).toEqual([gid('Role', chatsOnly.id), gid('Role', settings.id)].sort());
  });

  it('employees of one role share nothing that is theirs: their own details and their current session', async () => {
    const role = await makeRole(rt.deps, ['CHATS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    const { chat } = await makeChat(rt.deps, channel.id);
    const archiver = await makeEmployee(rt.deps, role.id);
    const secondSession = (await createSession(rt.deps.db, archiver.employee.id))!;
    const colleague = await makeEmployee(rt.deps, role.id);
    await rt.deps.db.update(chats).set({ archivedById: archiver.employee.id }).where(eq(chats.id, chat.id));
    const [first, second, other] = await subscribers(
      [{ cookie: archiver.cookie }, { cookie: `${SESSION_COOKIE}=${secondSession.token}` }, { cookie: colleague.cookie }],
      'subscription { inboxEvents { __typename ... on ChatUpdated { chat { id archivedBy { email sessions { id current } } } } } }',
      chat,
    );

    await chatUpdated(channel.id, chat.id);
    await expect.poll(() => first.events.length + second.events.length + other.events.length, { timeout: 10_000 }).toBe(3);
    const currentSession = (s: (typeof first)['events'][number]) => s.inboxEvents.chat?.archivedBy?.sessions.find((session) => session.current)?.id;
    expect(first.events[0].inboxEvents.chat?.archivedBy?.email).toBe(archiver.employee.email);
    expect(second.events[0].inboxEvents.chat?.archivedBy?.email).toBe(archiver.employee.email);
    // both read the same two sessions; each sees its own as the current one
    expect(first.events[0].inboxEvents.chat?.archivedBy?.sessions).toHaveLength(2);
    expect(currentSession(first.events[0])).toBeDefined();
    expect(currentSession(second.events[0])).toBeDefined();
    expect(currentSession(first.events[0])).not.toBe(currentSession(second.events[0]));
    // a colleague without SETTINGS reads the chat, not the archiver's e-mail or sessions
    expect(other.events[0].inboxEvents.chat?.id).toBe(gid('Chat', chat.id));
    expect(other.events[0].inboxEvents.chat?.archivedBy ?? null).toBeNull();
  });
});
