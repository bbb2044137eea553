import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestEvents } from '../../domain/inbound/ingest-events';
import { bootRuntime } from '../../runtime/boot';
import { startFakeMetaGraph } from '../fakes/meta-graph';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { gql } from '../helpers/graphql';
import { silentLog, TEST_APP_SECRET, testConfig } from '../helpers/runtime';

describe('queued sends survive a restart', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chats-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a message queued before a shutdown is sent by the next process', { timeout: 90_000 }, async () => {
    const graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET, echoes: false });
    const config = testConfig({ DATA_DIR: dir, META_GRAPH_URL: graph.url });
    const psid = '6543210987654321';
    graph.addCustomer({ psid, pageId: graph.page.id, lastInboundAt: Date.now() });

    let rt = await bootRuntime({ config, log: silentLog, startJobs: false });
    const { Admin } = await builtinRoles(rt.deps);
    const { cookie } = await makeEmployee(rt.deps, Admin.id);
    await gql(rt, { cookie }, 'mutation($id: String!, $t: String!) { connectChannel(kind: MESSENGER, externalId: $id, name: "Shop", accessToken: $t) { id } }', { id: graph.page.id, t: graph.page.token });
    await ingestEvents(rt.deps, 'meta', 'MESSENGER', [{ type: 'message', channelExternalId: graph.page.id, contactExternalId: psid, providerMessageId: 'm_before', timestamp: new Date(), text: 'hi', attachments: [], raw: {} }]);
    const chatId = (await gql(rt, { cookie }, '{ chats { edges { node { id } } } }')).data!.chats.edges[0].node.id;
    const sent = await gql(rt, { cookie }, 'mutation($c: ID!) { sendMessage(chatId: $c, text: "queued before the restart") { id status } }', { c: chatId });
    expect(sent.data!.sendMessage.status).toBe('PENDING');
    await rt.close(); // the process stops before its worker ran the job
    expect(graph.sent).toHaveLength(0);

    rt = await bootRuntime({ config, log: silentLog, startJobs: false });
    await rt.jobs.drain();
    expect(graph.sent.map((m) => m.text)).toEqual(['queued before the restart']);
    const after = await gql(rt, { cookie }, 'query($m: ID!) { node(id: $m) { ... on Message { status } } }', { m: sent.data!.sendMessage.id });
    expect(after.data!.node.status).toBe('SENT');
    await rt.close();
    await graph.stop();
  });
});
