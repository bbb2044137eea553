import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '../../auth/cookies';
import { logIn, type SignIn } from '../../domain/employees/sign-in';
import { createSession } from '../../domain/employees/sessions';
import { employees, messages } from '../../db/schema';
import { createGraphQLSockets, type GraphQLSockets } from '../../graphql/ws';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeChannel, makeChat, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, type Driver } from '../helpers/runtime';
import { collect, openSocket } from '../helpers/ws-client';

function signedIn(result: SignIn) {
  if (result.outcome !== 'signedIn') throw new Error(`sign-in ${result.outcome}`);
  return result.session;
}

const CREATE = `mutation($n: String!, $e: String!, $r: ID!, $p: String!) {
  createEmployee(name: $n, email: $e, roleId: $r, password: $p) { id name email active role { name } } }`;
const UPDATE = `mutation($id: ID!, $r: ID, $a: Boolean) { updateEmployee(employeeId: $id, roleId: $r, active: $a) { id active role { name } } }`;
const LIST = '{ employees { id name email active role { name } } }';
const KEYS = '{ apiKeys { id name createdAt lastUsedAt role { name } } }';
const CREATE_KEY = 'mutation($n: String!, $r: ID!) { createApiKey(name: $n, roleId: $r) }';
const REVOKE_KEY = 'mutation($id: ID!) { revokeApiKey(id: $id) }';
const SESSIONS = '{ viewer { sessions { id current userAgent createdAt lastSeenAt } } }';
const REVOKE_SESSION = 'mutation($id: ID!) { revokeSession(sessionId: $id) }';
const LIVE = 'subscription { inboxEvents { __typename } }';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
const email = () => `colleague-${Date.now().toString(36)}-${++seq}@shop.test`;

describe.each(DRIVERS)('managing employees (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let admin: Credentials;
  let adminId: string;
  let operator: Credentials;
  let operatorId: string;
  let adminRole: string;
  let operatorRole: string;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin, Operator } = await builtinRoles(rt.deps);
    adminRole = gid('Role', Admin.id);
    operatorRole = gid('Role', Operator.id);
    const a = await makeEmployee(rt.deps, Admin.id, 'Ada Admin');
    admin = { cookie: a.cookie };
    adminId = a.employee.id;
    const o = await makeEmployee(rt.deps, Operator.id, 'Otto Operator');
    operator = { cookie: o.cookie };
    operatorId = o.employee.id;
  });
  afterAll(() => rt?.close());

  it('an admin adds an employee with a role, who then signs in with the first password', async () => {
    const address = email();
    const res = await gql(rt, admin, CREATE, { n: '  Greta Green ', e: address.toUpperCase(), r: operatorRole, p: 'first-password-1' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEmployee).toMatchObject({ name: 'Greta Green', email: address, active: true, role: { name: 'Operator' } });
    const list = await gql(rt, admin, LIST);
    expect(list.data!.employees).toContainEqual({ id: res.data!.createEmployee.id, name: 'Greta Green', email: address, active: true, role: { name: 'Operator' } });
    expect((await logIn(rt.deps, { email: address, password: 'first-password-1', address: null })).outcome).toBe('signedIn');

    const again = await gql(rt, admin, CREATE, { n: 'Greta Again', e: address, r: operatorRole, p: 'first-password-1' });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toMatch(/already exists/);
    const short = await gql(rt, admin, CREATE, { n: 'Short', e: email(), r: operatorRole, p: 'short' });
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    const noRole = await gql(rt, admin, CREATE, { n: 'No role', e: email(), r: gid('Role', '00000000-0000-4000-8000-000000000000'), p: 'long-enough-1' });
    expect(errorCode(noRole)).toBe('BAD_USER_INPUT');
  });

  it('an admin gives an employee another role, effective on their next request', async () => {
    const { employee, cookie } = await makeEmployee(rt.deps, (await builtinRoles(rt.deps)).Operator.id);
    const me = { cookie };
    expect(errorCode(await gql(rt, me, LIST))).toBe('FORBIDDEN');
    const res = await gql(rt, admin, UPDATE, { id: gid('Employee', employee.id), r: adminRole });
    expect(res.data!.updateEmployee).toMatchObject({ active: true, role: { name: 'Admin' } });
    expect((await gql(rt, me, LIST)).errors).toBeUndefined();
  });

  it('a deactivated employee is signed out at once and cannot sign in; reactivated, they can again', async () => {
    const address = email();
    const created = await gql(rt, admin, CREATE, { n: 'Leaving Soon', e: address, r: operatorRole, p: 'password-4567' });
    const id = created.data!.createEmployee.id as string;
    const session = signedIn(await logIn(rt.deps, { email: address, password: 'password-4567', address: null }));
    const me = { cookie: `${SESSION_COOKIE}=${session.token}` };
    // in the viewer cache now
    expect((await gql(rt, me, '{ viewer { name } }')).data!.viewer).toEqual({ name: 'Leaving Soon' });

    const off = await gql(rt, admin, UPDATE, { id, a: false });
    expect(off.data!.updateEmployee.active).toBe(false);
    expect(errorCode(await gql(rt, me, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
    expect((await gql(rt, me, '{ viewer { name } }')).data!.viewer).toBeNull();
    expect((await logIn(rt.deps, { email: address, password: 'password-4567', address: null })).outcome).toBe('refused');
    expect((await gql(rt, admin, LIST)).data!.employees.find((e: { id: string }) => e.id === id).active).toBe(false);

    await gql(rt, admin, UPDATE, { id, a: true });
    const back = signedIn(await logIn(rt.deps, { email: address, password: 'password-4567', address: null }));
    expect((await gql(rt, { cookie: `${SESSION_COOKIE}=${back.token}` }, '{ viewer { active } }')).data!.viewer).toEqual({ active: true });
    // the old session stays ended
    expect(errorCode(await gql(rt, me, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  });

  it('an admin cannot deactivate themselves, and the last active employee with SETTINGS keeps it', async () => {
    const self = await gql(rt, admin, UPDATE, { id: gid('Employee', adminId), a: false });
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(self.errors![0].message).toMatch(/can’t deactivate yourself/);

    // everyone else who could manage settings leaves
    const { Admin } = await builtinRoles(rt.deps);
    const others = (await gql(rt, admin, LIST)).data!.employees.filter(
      (e: { id: string; active: boolean; role: { name: string } }) => e.id !== gid('Employee', adminId) && e.active && e.role.name === 'Admin',
    );
    for (const other of others) expect((await gql(rt, admin, UPDATE, { id: other.id, a: false })).errors).toBeUndefined();

    const demote = await gql(rt, admin, UPDATE, { id: gid('Employee', adminId), r: operatorRole });
    expect(errorCode(demote)).toBe('BAD_USER_INPUT');
    expect(demote.errors![0].message).toMatch(/last active employee who can manage settings/);
    // a key with SETTINGS can't remove the last one either
    const key = await makeApiKey(rt.deps, Admin.id);
    const removed = await gql(rt, key, UPDATE, { id: gid('Employee', adminId), a: false });
    expect(errorCode(removed)).toBe('BAD_USER_INPUT');
    expect(removed.errors![0].message).toMatch(/Ada Admin is the last active employee/);
    const [row] = await rt.deps.db.select().from(employees).where(eq(employees.id, adminId));
    expect(row).toMatchObject({ active: true, roleId: Admin.id });
    expect((await gql(rt, admin, '{ viewer { role { name } } }')).data!.viewer.role.name).toBe('Admin');
  });

  it('only a role with SETTINGS lists or changes employees, roles and API keys', async () => {
    const noSettings = await makeApiKey(rt.deps, (await makeRole(rt.deps, ['CHATS', 'CLIENTS', 'DOCUMENTS'])).id);
    for (const who of [operator, noSettings]) {
      for (const query of [LIST, '{ roles { id } }', KEYS]) expect(errorCode(await gql(rt, who, query))).toBe('FORBIDDEN');
      expect(errorCode(await gql(rt, who, CREATE, { n: 'X', e: email(), r: adminRole, p: 'password-123' }))).toBe('FORBIDDEN');
      expect(errorCode(await gql(rt, who, UPDATE, { id: gid('Employee', adminId), a: false }))).toBe('FORBIDDEN');
      expect(errorCode(await gql(rt, who, CREATE_KEY, { n: 'X', r: adminRole }))).toBe('FORBIDDEN');
      expect(errorCode(await gql(rt, who, REVOKE_KEY, { id: gid('ApiKey', '00000000-0000-4000-8000-000000000000') }))).toBe('FORBIDDEN');
    }
    for (const query of [LIST, '{ roles { id } }', KEYS]) expect(errorCode(await gql(rt, null, query))).toBe('UNAUTHENTICATED');
  });

  it('a colleague or another role by id answers exactly like a missing one to a viewer without SETTINGS', async () => {
    const missingEmployee = gid('Employee', '00000000-0000-4000-8000-000000000000');
    const missingRole = gid('Role', '00000000-0000-4000-8000-000000000000');
    const query = 'query($a: ID!, $b: ID!, $c: ID!, $d: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } c: node(id: $c) { id } d: node(id: $d) { id } }';
    const vars = { a: gid('Employee', adminId), b: missingEmployee, c: adminRole, d: missingRole };
    const hidden = await gql(rt, operator, query, vars);
    expect(hidden).toEqual({ data: { a: null, b: null, c: null, d: null } });
    const shown = await gql(rt, admin, query, vars);
    expect(shown.data).toEqual({ a: { id: vars.a }, b: null, c: { id: adminRole }, d: null });
    // themselves and their own role they do see
    const own = await gql(rt, operator, 'query($a: ID!, $r: ID!) { a: node(id: $a) { id } r: node(id: $r) { id } viewer { email role { name } active } }', {
      a: gid('Employee', operatorId),
      r: operatorRole,
    });
    expect(own.data).toMatchObject({ a: { id: gid('Employee', operatorId) }, r: { id: operatorRole }, viewer: { role: { name: 'Operator' }, active: true } });
  });

  it('an operator sees the names of colleagues in their chats, not their e-mails or roles', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const channel = await makeChannel(rt.deps, { roleIds: [Operator.id] });
    const { chat } = await makeChat(rt.deps, channel.id);
    const operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
    await rt.deps.db.insert(messages).values({ chatId: chat.id, channelId: channel.id, direction: 'OUTBOUND', status: 'SENT', text: 'On it', senderId: adminId });
    const names = await gql(rt, operator, 'query($c: ID!) { chat(id: $c) { messages { edges { node { text sender { id name } } } } } }', { c: gid('Chat', chat.id) });
    expect(names.errors).toBeUndefined();
    expect(names.data!.chat.messages.edges.map((e: any) => e.node)).toContainEqual({ text: 'On it', sender: { id: gid('Employee', adminId), name: 'Ada Admin' } });
    for (const field of ['email', 'role { name }', 'active', 'sessions { id }']) {
      const res = await gql(rt, operator, `query($c: ID!) { chat(id: $c) { messages { edges { node { text sender { name ${field} } } } } } }`, { c: gid('Chat', chat.id) });
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data)).not.toContain('@');
    }
    const asAdmin = await gql(rt, admin, 'query($c: ID!) { chat(id: $c) { messages { edges { node { sender { email } } } } } }', { c: gid('Chat', chat.id) });
    expect(asAdmin.errors).toBeUndefined();
    // which roles may use a channel is a setting too
    expect((await gql(rt, operator, '{ channels { roles { id } } }')).data!.channels.every((c: { roles: unknown[] }) => c.roles.length === 0)).toBe(true);
  });

  it('an admin creates a key shown once, sees it listed with its role and last use, and revokes it: refused at once', async () => {
    const created = await gql(rt, admin, CREATE_KEY, { n: 'Zapier', r: operatorRole });
    const key = created.data!.createApiKey as string;
    const listed = (await gql(rt, admin, KEYS)).data!.apiKeys.find((k: { name: string }) => k.name === 'Zapier');
    expect(listed).toMatchObject({ name: 'Zapier', role: { name: 'Operator' }, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key.slice(8));

    const integrator = { authorization: `Bearer ${key}` };
    expect((await gql(rt, integrator, '{ inboxBadge }')).errors).toBeUndefined();
    await expect
      .poll(async () => (await gql(rt, admin, KEYS)).data!.apiKeys.find((k: { id: string }) => k.id === listed.id).lastUsedAt, { timeout: 5000 })
      .not.toBeNull();

    const revoked = await gql(rt, admin, REVOKE_KEY, { id: listed.id });
    expect(revoked.data!.revokeApiKey).toBe(listed.id);
    expect(errorCode(await gql(rt, integrator, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
    expect((await gql(rt, admin, KEYS)).data!.apiKeys.map((k: { id: string }) => k.id)).not.toContain(listed.id);
    expect(errorCode(await gql(rt, admin, REVOKE_KEY, { id: listed.id }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(rt, admin, REVOKE_KEY, { id: 'nonsense' }))).toBe('NOT_FOUND');
  });

  it('last use of a key is written at most once a minute, not per request', async () => {
    const { key, authorization } = await makeApiKey(rt.deps, (await builtinRoles(rt.deps)).Operator.id);
    expect(key).toBeTruthy();
    const before = rt.database.statements.count;
    for (let i = 0; i < 5; i++) await gql(rt, { authorization }, '{ viewer { id } }');
    // one lookup of the key and one write of its last use; the rest comes from the viewer cache
    expect(rt.database.statements.count - before).toBeLessThanOrEqual(2);
  });

  it('an employee lists and signs out their own sessions; an admin signs out anyone’s; others find none', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const { employee, cookie } = await makeEmployee(rt.deps, Operator.id);
    const phone = (await createSession(rt.deps.db, employee.id, 'Mozilla/5.0 (iPhone)'))!;
    const laptop = { cookie };
    const onPhone = { cookie: `${SESSION_COOKIE}=${phone.token}` };

    const mine = (await gql(rt, laptop, SESSIONS)).data!.viewer.sessions as { id: string; current: boolean; userAgent: string | null }[];
    expect(mine).toHaveLength(2);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = mine.find((s) => s.userAgent === 'Mozilla/5.0 (iPhone)')!;
    expect(phoneSession.current).toBe(false);

    // a colleague without SETTINGS: as if it did not exist
    expect(errorCode(await gql(rt, operator, REVOKE_SESSION, { id: phoneSession.id }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(rt, operator, REVOKE_SESSION, { id: gid('Session', '00000000-0000-4000-8000-000000000000') }))).toBe('NOT_FOUND');
    expect((await gql(rt, onPhone, '{ viewer { id } }')).data!.viewer).not.toBeNull();

    expect((await gql(rt, laptop, REVOKE_SESSION, { id: phoneSession.id })).data!.revokeSession).toBe(phoneSession.id);
    expect(errorCode(await gql(rt, onPhone, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
    expect((await gql(rt, laptop, SESSIONS)).data!.viewer.sessions).toHaveLength(1);

    // an admin sees the employee's sessions in the list and ends the last one
    const listed = (await gql(rt, admin, '{ employees { id sessions { id } } }')).data!.employees.find((e: { id: string }) => e.id === gid('Employee', employee.id));
    expect(listed.sessions).toHaveLength(1);
    await gql(rt, admin, REVOKE_SESSION, { id: listed.sessions[0].id });
    expect(errorCode(await gql(rt, laptop, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
  });
});

describe.each(DRIVERS)('ended access closes open sockets at once (%s)', (driver: Driver) => {
  let rt: BootedRuntime;
  let server: Server;
  let sockets: GraphQLSockets;
  let url: string;
  let admin: Credentials;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    sockets = createGraphQLSockets(rt.yoga, rt.deps, { recheckMs: 300 });
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

  /** A subscription that is acknowledged and running. */
  async function liveSocket(credentials: { cookie?: string; authorization?: string }) {
    const client = openSocket({ url, ...credentials });
    let connected = false;
    client.on('connected', () => void (connected = true));
    const sub = collect(client, LIVE);
    await expect.poll(() => connected).toBe(true);
    await pause(100);
    expect(sub.done).toBe(false);
    return { client, sub };
  }
  const closeCode = (error: unknown) => (error as { code?: number } | undefined)?.code;

  it('deactivating an employee closes their socket', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const { employee, cookie } = await makeEmployee(rt.deps, Operator.id);
    const { sub, client } = await liveSocket({ cookie });
    await gql(rt, admin, UPDATE, { id: gid('Employee', employee.id), a: false });
    await expect.poll(() => sub.done, { timeout: 2000 }).toBe(true);
    expect(closeCode(sub.error)).toBe(4401);
    await client.dispose();
  });

  it('revoking a key closes its socket and leaves other keys’ sockets open', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const revoked = await makeApiKey(rt.deps, Operator.id);
    const kept = await makeApiKey(rt.deps, Operator.id);
    const a = await liveSocket({ authorization: revoked.authorization });
    const b = await liveSocket({ authorization: kept.authorization });
    const target = await keyId(revoked.key);
    await gql(rt, admin, REVOKE_KEY, { id: gid('ApiKey', target) });
    await expect.poll(() => a.sub.done, { timeout: 2000 }).toBe(true);
    expect(closeCode(a.sub.error)).toBe(4401);
    await pause(200);
    expect(b.sub.done).toBe(false);
    await a.client.dispose();
    await b.client.dispose();
  });

  it('signing out closes that session’s socket only', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const { employee, cookie } = await makeEmployee(rt.deps, Operator.id);
    const other = (await createSession(rt.deps.db, employee.id))!;
    const a = await liveSocket({ cookie });
    const b = await liveSocket({ cookie: `${SESSION_COOKIE}=${other.token}` });
    const res = await rt.yoga.fetch('http://localhost/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ viewer { sessions { id current } } }' }),
    });
    const current = ((await res.json()) as any).data.viewer.sessions.find((s: { current: boolean }) => s.current);
    await gql(rt, { cookie }, REVOKE_SESSION, { id: current.id });
    await expect.poll(() => a.sub.done, { timeout: 2000 }).toBe(true);
    await pause(200);
    expect(b.sub.done).toBe(false);
    await a.client.dispose();
    await b.client.dispose();
  });

  it('a sign-out handled by another copy of the auth modules (Next’s bundle) ends the session here too', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const { cookie } = await makeEmployee(rt.deps, Operator.id);
    const { sub, client } = await liveSocket({ cookie });
    // in this module graph's viewer cache now
    expect((await gql(rt, { cookie }, '{ viewer { id } }')).data!.viewer).not.toBeNull();

    // what Next's bundle holds: the same source files loaded as a second, separate module graph
    vi.resetModules();
    const nextBundle = await import('../../domain/employees/sessions');
    const token = cookie.slice(`${SESSION_COOKIE}=`.length);
    await nextBundle.deleteSession(rt.deps.db, token);

    expect(errorCode(await gql(rt, { cookie }, '{ inboxBadge }'))).toBe('UNAUTHENTICATED');
    await expect.poll(() => sub.done, { timeout: 2000 }).toBe(true);
    expect(closeCode(sub.error)).toBe(4401);
    await client.dispose();
  });

  it('a deactivation written by another server process closes the socket here at the next re-check', async () => {
    const { Operator } = await builtinRoles(rt.deps);
    const { employee, cookie } = await makeEmployee(rt.deps, Operator.id);
    const { sub, client } = await liveSocket({ cookie });
    // no endAccess in this process: only the database changed, as another process would leave it
    await rt.deps.db.update(employees).set({ active: false }).where(eq(employees.id, employee.id));
    await expect.poll(() => sub.done, { timeout: 5000 }).toBe(true);
    expect(closeCode(sub.error)).toBe(4401);
    await client.dispose();
  });

  async function keyId(key: string) {
    const { apiKeys } = await import('../../db/schema');
    const { hashToken } = await import('../../auth/tokens');
    const [row] = await rt.deps.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, hashToken(key)));
    return row.id;
  }
});
