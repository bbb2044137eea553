import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import { deleteSession } from '../../domain/employees/sessions';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, type Driver } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';

const ROLE_FIELDS = 'id name builtin permissions';
const UPDATE = `mutation($r: ID!, $n: String, $p: [String!]) { updateRole(roleId: $r, name: $n, permissions: $p) { ${ROLE_FIELDS} } }`;
const DELETE = 'mutation($r: ID!) { deleteRole(roleId: $r) }';
const CREATE = `mutation($n: String!, $p: [String!]!) { createRole(name: $n, permissions: $p) { ${ROLE_FIELDS} } }`;
const RECEIVE_COMMENTS = 'mutation($c: ID!, $e: Boolean!) { setChannelReceiveComments(channelId: $c, enabled: $e) { id receiveComments } }';
const LIVE = 'subscription { inboxEvents { __typename ... on MessageAdded { message { text } } } }';

type LiveEvent = { inboxEvents: { __typename: string; message?: { text: string } } };

let seq = 0;
/** A customer writes on the page: stored and published like a real webhook. */
async function customerWrites(rt: BootedRuntime, pageId: string, text: string) {
  await ingestEvents(rt.deps, 'meta', 'MESSENGER', [
    { type: 'message', channelExternalId: pageId, contactExternalId: '4242', providerMessageId: `m_roles_${Date.now()}_${++seq}`, timestamp: new Date(), text, attachments: [], raw: {} },
  ]);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DRIVERS)('editing and deleting roles (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let admin: Credentials;
  let operator: Credentials;
  let adminRoleGid: string;
  let operatorRoleGid: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin, Operator } = await builtinRoles(rt.deps);
    adminRoleGid = gid('Role', Admin.id);
    operatorRoleGid = gid('Role', Operator.id);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
  });
  afterAll(() => rt?.close());

  const create = async (name: string, permissions: string[] = ['CHATS']) => {
    const res = await gql(rt, admin, CREATE, { n: name, p: permissions });
    expect(res.errors).toBeUndefined();
    return res.data!.createRole as { id: string; name: string; permissions: string[] };
  };

  it('an admin renames a role and replaces its permissions', async () => {
    const role = await create('Night shift', ['CHATS']);
    const res = await gql(rt, admin, UPDATE, { r: role.id, n: '  Weekend shift ', p: ['SETTINGS', 'CHATS', 'CHATS', 'CLIENTS'] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateRole).toEqual({ id: role.id, name: 'Weekend shift', builtin: false, permissions: ['CHATS', 'CLIENTS', 'SETTINGS'] });
    const onlyName = await gql(rt, admin, UPDATE, { r: role.id, n: 'Weekend' });
    expect(onlyName.data!.updateRole).toMatchObject({ name: 'Weekend', permissions: ['CHATS', 'CLIENTS', 'SETTINGS'] });
    const none = await gql(rt, admin, UPDATE, { r: role.id, p: [] });
    expect(none.data!.updateRole).toMatchObject({ name: 'Weekend', permissions: [] });
  });

  it('built-in roles keep their name', async () => {
    for (const r of [adminRoleGid, operatorRoleGid]) {
      const res = await gql(rt, admin, UPDATE, { r, n: 'Boss' });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/built-in role and keeps its name/);
    }
    // sending the unchanged name along with new permissions is fine
    const res = await gql(rt, admin, UPDATE, { r: operatorRoleGid, n: 'Operator', p: ['CHATS', 'CLIENTS', 'DOCUMENTS'] });
    expect(res.data!.updateRole).toMatchObject({ name: 'Operator', builtin: true });
  });

  it('the built-in Admin keeps every permission, so nobody is locked out of settings', async () => {
    const res = await gql(rt, admin, UPDATE, { r: adminRoleGid, p: ['CHATS', 'CLIENTS', 'DOCUMENTS'] });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/keeps every permission/);
    expect(res.errors![0].extensions?.field).toBe('permissions');
    const roles = (await gql(rt, admin, `{ roles { ${ROLE_FIELDS} } }`)).data!.roles as { id: string; permissions: string[] }[];
    expect(roles.find((r) => r.id === adminRoleGid)!.permissions).toEqual(['CHATS', 'CLIENTS', 'DOCUMENTS', 'SETTINGS']);
    // and the admin still manages settings
    expect((await gql(rt, admin, UPDATE, { r: adminRoleGid, p: ['SETTINGS', 'DOCUMENTS', 'CLIENTS', 'CHATS'] })).errors).toBeUndefined();
  });

  it('unknown permission names are refused, and nothing changes', async () => {
    const role = await create('Typists', ['CHATS']);
    const res = await gql(rt, admin, UPDATE, { r: role.id, p: ['CHATS', 'CHAT', 'ADMIN'] });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe('Unknown permission: CHAT, ADMIN. Use CHATS, CLIENTS, DOCUMENTS or SETTINGS.');
    const after = await gql(rt, admin, 'query($r: ID!) { node(id: $r) { ... on Role { permissions } } }', { r: role.id });
    expect(after.data!.node.permissions).toEqual(['CHATS']);
  });

  it('role names are unique whatever the letter case, on create and on rename', async () => {
    const first = await create('Front desk');
    const second = await create('Back office');
    const dup = await gql(rt, admin, CREATE, { n: 'FRONT DESK', p: [] });
    expect(errorCode(dup)).toBe('BAD_USER_INPUT');
    expect(dup.errors![0].message).toBe('A role named "Front desk" already exists. Pick another name, or edit that role.');
    const rename = await gql(rt, admin, UPDATE, { r: second.id, n: 'front desk' });
    expect(errorCode(rename)).toBe('BAD_USER_INPUT');
    expect(rename.errors![0].message).toMatch(/"Front desk" already exists/);
    // a role may change the case of its own name
    expect((await gql(rt, admin, UPDATE, { r: first.id, n: 'Front Desk' })).data!.updateRole.name).toBe('Front Desk');
    expect(errorCode(await gql(rt, admin, UPDATE, { r: first.id, n: '   ' }))).toBe('BAD_USER_INPUT');
  });

  it('an unknown role id is NOT_FOUND', async () => {
    const missing = gid('Role', '00000000-0000-4000-8000-000000000000');
    expect(errorCode(await gql(rt, admin, UPDATE, { r: missing, n: 'x' }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(rt, admin, DELETE, { r: missing }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(rt, admin, DELETE, { r: 'not-an-id' }))).toBe('NOT_FOUND');
  });

  it('an unused role is deleted with its channel access, and its id comes back', async () => {
    const role = await create('Temporary');
    const channel = await makeChannel(rt.deps);
    await gql(rt, admin, 'mutation($c: ID!, $r: [ID!]!) { setChannelAccess(channelId: $c, roleIds: $r) { id } }', { c: gid('Channel', channel.id), r: [role.id] });
    const res = await gql(rt, admin, DELETE, { r: role.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteRole).toBe(role.id);
    const roles = (await gql(rt, admin, '{ roles { id } }')).data!.roles as { id: string }[];
    expect(roles.map((r) => r.id)).not.toContain(role.id);
    const access = await gql(rt, admin, 'query($c: ID!) { node(id: $c) { ... on Channel { roles { id } } } }', { c: gid('Channel', channel.id) });
    expect(access.data!.node.roles).toEqual([]);
  });

  it('a role still held by employees or API keys is not deleted; the error says how many and what to do', async () => {
    const role = await makeRole(rt.deps, ['CHATS'], `Held ${driver}`);
    await makeEmployee(rt.deps, role.id);
    await makeEmployee(rt.deps, role.id);
    await makeApiKey(rt.deps, role.id);
    const res = await gql(rt, admin, DELETE, { r: gid('Role', role.id) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toBe(
      `The role "Held ${driver}" is still assigned to 2 employees and 1 API key. Give them another role (or revoke the keys) first, then delete it.`,
    );
    expect(res.errors![0].extensions).toMatchObject({ employees: 2, apiKeys: 1 });

    const keyOnly = await makeRole(rt.deps, ['CHATS']);
    await makeApiKey(rt.deps, keyOnly.id);
    expect((await gql(rt, admin, DELETE, { r: gid('Role', keyOnly.id) })).errors![0].message).toMatch(/still assigned to 1 API key\./);
    expect((await gql(rt, admin, '{ roles { id } }')).data!.roles.map((r: { id: string }) => r.id)).toContain(gid('Role', role.id));
  });

  it('built-in roles cannot be deleted', async () => {
    for (const r of [adminRoleGid, operatorRoleGid]) {
      const res = await gql(rt, admin, DELETE, { r });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/built-in role and cannot be deleted/);
    }
  });

  it('only a role with SETTINGS edits or deletes roles', async () => {
    const role = await create('Untouchable');
    expect(errorCode(await gql(rt, operator, UPDATE, { r: role.id, p: ['SETTINGS'] }))).toBe('FORBIDDEN');
    expect(errorCode(await gql(rt, operator, DELETE, { r: role.id }))).toBe('FORBIDDEN');
    expect(errorCode(await gql(rt, null, UPDATE, { r: role.id, p: ['SETTINGS'] }))).toBe('UNAUTHENTICATED');
    const key = await makeApiKey(rt.deps, (await makeRole(rt.deps, ['CHATS', 'CLIENTS'])).id);
    expect(errorCode(await gql(rt, key, DELETE, { r: role.id }))).toBe('FORBIDDEN');
    expect((await gql(rt, admin, '{ roles { id } }')).data!.roles.map((r: { id: string }) => r.id)).toContain(role.id);
  });

  it('an operator whose role loses CHATS stops seeing chats on the very next request', async () => {
    const role = await makeRole(rt.deps, ['CHATS', 'CLIENTS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    await makeChat(rt.deps, channel.id, { name: 'Losing access' });
    const me = { cookie: (await makeEmployee(rt.deps, role.id)).cookie };
    const key = await makeApiKey(rt.deps, role.id);
    const list = '{ chats { edges { node { title } } } }';
    // both are in the viewer cache now
    for (const who of [me, key]) expect((await gql(rt, who, list)).data!.chats.edges.map((e: any) => e.node.title)).toContain('Losing access');

    await gql(rt, admin, UPDATE, { r: gid('Role', role.id), p: ['CLIENTS'] });
    for (const who of [me, key]) {
      const res = await gql(rt, who, list);
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(res.errors![0].message).toMatch(/lacks the CHATS permission/);
      expect(errorCode(await gql(rt, who, '{ inboxBadge }'))).toBe('FORBIDDEN');
    }
    const viewer = await gql(rt, me, '{ viewer { role { permissions } } }');
    expect(viewer.data!.viewer.role.permissions).toEqual(['CLIENTS']);

    await gql(rt, admin, UPDATE, { r: gid('Role', role.id), p: ['CHATS', 'CLIENTS'] });
    expect((await gql(rt, me, list)).data!.chats.edges.map((e: any) => e.node.title)).toContain('Losing access');
  });

  it('a live subscription stops receiving events once its role loses CHATS', async () => {
    const role = await makeRole(rt.deps, ['CHATS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    const me = { cookie: (await makeEmployee(rt.deps, role.id)).cookie };
    const received: string[] = [];
    const iterator = (await subscribe({ schema, document: parse(LIVE), contextValue: createContext(rt.deps, await buildViewer(rt.deps.db, me)) })) as AsyncIterableIterator<{
      data: LiveEvent;
    }>;
    void (async () => {
      for await (const event of iterator) received.push(event.data.inboxEvents.message?.text ?? event.data.inboxEvents.__typename);
    })();

    await customerWrites(rt, channel.externalId, 'before the change');
    await expect.poll(() => received).toContain('before the change');

    await gql(rt, admin, UPDATE, { r: gid('Role', role.id), p: [] });
    await customerWrites(rt, channel.externalId, 'after the change');
    await pause(300);
    expect(received).not.toContain('after the change');

    await gql(rt, admin, UPDATE, { r: gid('Role', role.id), p: ['CHATS'] });
    await customerWrites(rt, channel.externalId, 'access restored');
    await expect.poll(() => received).toContain('access restored');
    await iterator.return?.();
  });
});

describe.each(DRIVERS)('role and access changes reach open sockets (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let server: Server;
  let sockets: GraphQLSockets;
  let url: string;
  let admin: Credentials;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    // the real graphql-ws wiring on a bare HTTP server: no Next build needed
    sockets = createGraphQLSockets(rt.yoga, rt.deps);
    server = createServer((_, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => {
      if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sockets?.close();
    await new Promise((r) => server?.close(r));
    await rt?.close();
  });

  const texts = (events: LiveEvent[]) => events.map((e) => e.inboxEvents.message?.text);

  it('an operator socket and an API key socket stop receiving the role’s events when it loses CHATS', async () => {
    const role = await makeRole(rt.deps, ['CHATS', 'CLIENTS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    const me = await makeEmployee(rt.deps, role.id);
    const key = await makeApiKey(rt.deps, role.id);
    const clients = [openSocket({ url, cookie: me.cookie }), openSocket({ url, authorization: key.authorization })];
    const subs = clients.map((c) => collect<LiveEvent>(c, LIVE));
    await pause(300);

    await customerWrites(rt, channel.externalId, 'socket before');
    for (const sub of subs) await expect.poll(() => texts(sub.events)).toContain('socket before');

    const res = await gql(rt, admin, UPDATE, { r: gid('Role', role.id), p: ['CLIENTS'] });
    expect(res.errors).toBeUndefined();
    await customerWrites(rt, channel.externalId, 'socket after');
    await pause(400);
    for (const sub of subs) expect(texts(sub.events)).not.toContain('socket after');

    // a new subscription on the same socket is refused outright
    const refusal: unknown[] = [];
    let ended = false;
    clients[0].subscribe({ query: LIVE }, { next: (v) => void refusal.push(v), error: (e) => void ((ended = true), refusal.push(e)), complete: () => void (ended = true) });
    await expect.poll(() => ended).toBe(true);
    expect(JSON.stringify(refusal)).toMatch(/lacks the CHATS permission/);

    for (const sub of subs) sub.stop();
    for (const c of clients) await c.dispose();
  });

  it('a socket stops receiving events once its session is signed out', async () => {
    const role = await makeRole(rt.deps, ['CHATS']);
    const channel = await makeChannel(rt.deps, { roleIds: [role.id] });
    const me = await makeEmployee(rt.deps, role.id);
    const client = openSocket({ url, cookie: me.cookie });
    const sub = collect<LiveEvent>(client, LIVE);
    await pause(300);
    await customerWrites(rt, channel.externalId, 'before sign-out');
    await expect.poll(() => texts(sub.events)).toContain('before sign-out');

    await deleteSession(rt.deps.db, me.cookie.split('=')[1]);
    await customerWrites(rt, channel.externalId, 'after sign-out');
    await pause(400);
    expect(texts(sub.events)).not.toContain('after sign-out');
    sub.stop();
    await client.dispose();
  });

  it('a socket stops receiving a channel’s events when its role loses access to the channel', async () => {
    const role = await makeRole(rt.deps, ['CHATS']);
    const kept = await makeChannel(rt.deps, { roleIds: [role.id] });
    const taken = await makeChannel(rt.deps, { roleIds: [role.id] });
    const client = openSocket({ url, cookie: (await makeEmployee(rt.deps, role.id)).cookie });
    const sub = collect<LiveEvent>(client, LIVE);
    await pause(300);

    await customerWrites(rt, taken.externalId, 'taken before');
    await expect.poll(() => texts(sub.events)).toContain('taken before');

    await gql(rt, admin, 'mutation($c: ID!) { setChannelAccess(channelId: $c, roleIds: []) { id } }', { c: gid('Channel', taken.id) });
    await customerWrites(rt, taken.externalId, 'taken after');
    await customerWrites(rt, kept.externalId, 'kept after');
    await expect.poll(() => texts(sub.events)).toContain('kept after');
    expect(texts(sub.events)).not.toContain('taken after');
    sub.stop();
    await client.dispose();
  });
});

describe.each(DRIVERS)('receiving post comments per channel (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let admin: Credentials;
  let operator: Credentials;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin, Operator } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
  });
  afterAll(() => rt?.close());

  const stored = async (channelId: string) => {
    const res = await gql(rt, admin, '{ channels { id receiveComments } }');
    return (res.data!.channels as { id: string; receiveComments: boolean }[]).find((c) => c.id === gid('Channel', channelId))!.receiveComments;
  };

  it('is off for a new channel, and an admin switches it on and off for one channel only', async () => {
    const page = await makeChannel(rt.deps, { kind: 'MESSENGER' });
    const other = await makeChannel(rt.deps, { kind: 'MESSENGER' });
    expect(await stored(page.id)).toBe(false);
    const on = await gql(rt, admin, RECEIVE_COMMENTS, { c: gid('Channel', page.id), e: true });
    expect(on.data!.setChannelReceiveComments).toEqual({ id: gid('Channel', page.id), receiveComments: true });
    expect(await stored(page.id)).toBe(true);
    expect(await stored(other.id)).toBe(false);
    await gql(rt, admin, RECEIVE_COMMENTS, { c: gid('Channel', page.id), e: false });
    expect(await stored(page.id)).toBe(false);
  });

  it('works for Instagram accounts too', async () => {
    const account = await makeChannel(rt.deps, { kind: 'INSTAGRAM' });
    expect((await gql(rt, admin, RECEIVE_COMMENTS, { c: gid('Channel', account.id), e: true })).data!.setChannelReceiveComments.receiveComments).toBe(true);
  });

  it('a WhatsApp number has no posts: switching comments on is refused with a sentence', async () => {
    const number = await makeChannel(rt.deps, { kind: 'WHATSAPP' });
    const res = await gql(rt, admin, RECEIVE_COMMENTS, { c: gid('Channel', number.id), e: true });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Only Facebook pages and Instagram accounts/);
    expect(await stored(number.id)).toBe(false);
  });

  it('needs SETTINGS, and an unknown channel is NOT_FOUND', async () => {
    const page = await makeChannel(rt.deps, { kind: 'MESSENGER' });
    expect(errorCode(await gql(rt, operator, RECEIVE_COMMENTS, { c: gid('Channel', page.id), e: true }))).toBe('FORBIDDEN');
    expect(await stored(page.id)).toBe(false);
    expect(errorCode(await gql(rt, admin, RECEIVE_COMMENTS, { c: gid('Channel', '00000000-0000-4000-8000-000000000000'), e: true }))).toBe('NOT_FOUND');
  });
});
