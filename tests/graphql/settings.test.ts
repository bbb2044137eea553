import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeMetaGraph, type FakeMetaGraph } from '../fakes/meta-graph';
import { builtinRoles, makeChannel, makeChat, makeEmployee } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';

describe.each(DRIVERS)('roles, channel access and API keys (%s)', (driver) => {
  let rt: BootedRuntime;
  let graph: FakeMetaGraph;
  let admin: Credentials;
  let operator: Credentials;
  let operatorRoleId: string;

  beforeAll(async () => {
    graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: graph.url });
    const { Admin, Operator } = await builtinRoles(rt.deps);
    operatorRoleId = Operator.id;
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
  });
  afterAll(async () => {
    await rt?.close();
    await graph?.stop();
  });

  it('connecting a page checks the token with Facebook and subscribes the app', async () => {
    const res = await gql(rt, admin, 'mutation($id: String!, $t: String!, $r: [ID!]) { connectChannel(kind: MESSENGER, externalId: $id, name: "", accessToken: $t, roleIds: $r) { name state roles { name } } }', {
      id: graph.page.id,
      t: graph.page.token,
      r: [gid('Role', operatorRoleId)],
    });
    expect(res.data!.connectChannel).toEqual({ name: graph.page.name, state: 'CONNECTED', roles: [{ name: 'Operator' }] });
    expect(graph.calls.some((c) => c.method === 'POST' && c.path.endsWith('/subscribed_apps'))).toBe(true);
  });

  it('a wrong token is refused with a sentence the admin can act on, and nothing is stored', async () => {
    const before = (await gql(rt, admin, '{ channels { id } }')).data!.channels.length;
    const res = await gql(rt, admin, 'mutation($id: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "x", accessToken: "wrong") { id } }', { id: graph.page.id });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Facebook did not accept/);
    expect((await gql(rt, admin, '{ channels { id } }')).data!.channels).toHaveLength(before);
  });

  it('only a role with SETTINGS connects channels, manages access, roles and keys', async () => {
    const attempts = [
      'mutation { connectChannel(kind: MESSENGER, externalId: "1", name: "x", accessToken: "t") { id } }',
      `mutation { createRole(name: "Sneaky", permissions: ["SETTINGS"]) { id } }`,
      `mutation { createApiKey(name: "k", roleId: "${gid('Role', operatorRoleId)}") }`,
    ];
    for (const query of attempts) expect(errorCode(await gql(rt, operator, query))).toBe('FORBIDDEN');
  });

  it('granting a role access to a channel takes effect on the next request', async () => {
    const channel = await makeChannel(rt.deps);
    await makeChat(rt.deps, channel.id, { name: 'Behind the wall' });
    const titles = async () => (await gql(rt, operator, '{ chats { edges { node { title } } } }')).data!.chats.edges.map((e: any) => e.node.title);
    expect(await titles()).not.toContain('Behind the wall');
    const res = await gql(rt, admin, 'mutation($c: ID!, $r: [ID!]!) { setChannelAccess(channelId: $c, roleIds: $r) { roles { name } } }', {
      c: gid('Channel', channel.id),
      r: [gid('Role', operatorRoleId)],
    });
    expect(res.data!.setChannelAccess.roles).toEqual([{ name: 'Operator' }]);
    expect(await titles()).toContain('Behind the wall');
    await gql(rt, admin, 'mutation($c: ID!) { setChannelAccess(channelId: $c, roleIds: []) { id } }', { c: gid('Channel', channel.id) });
    expect(await titles()).not.toContain('Behind the wall');
  });

  it('a new role with CHATS and an API key for it: the key sees what the role may see', async () => {
    const role = await gql(rt, admin, 'mutation { createRole(name: "Integrations", permissions: ["CHATS"]) { id name permissions } }');
    expect(role.data!.createRole).toMatchObject({ name: 'Integrations', permissions: ['CHATS'] });
    const key = await gql(rt, admin, 'mutation($r: ID!) { createApiKey(name: "Zapier", roleId: $r) }', { r: role.data!.createRole.id });
    const auth = { authorization: `Bearer ${key.data!.createApiKey}` };
    expect((await gql(rt, auth, '{ viewer { id } chats { edges { node { id } } } }')).data).toEqual({ viewer: null, chats: { edges: [] } });
    expect(errorCode(await gql(rt, admin, 'mutation { createRole(name: "Integrations", permissions: ["CHATS"]) { id } }'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(rt, admin, 'mutation { createRole(name: "Typo", permissions: ["CHAT"]) { id } }'))).toBe('BAD_USER_INPUT');
  });
});
