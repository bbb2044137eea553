/**
 * The app as the browser tests see it: the real server (production build, PGlite in a temp
 * folder) talking to the fake Graph API, plus a small control port through which a test makes
 * the fake customer write, or the fake platform deliver and read. Prints one JSON line when ready.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { channelRoles, channels } from '../../db/schema';
import { createEmployee, ensureBuiltinRoles } from '../../domain/employees/create-employee';
import { getDeps } from '../../runtime/registry';
import { startServer } from '../../server';
import { startFakeMetaGraph } from '../fakes/meta-graph';
import { testConfig, TEST_APP_SECRET } from '../helpers/runtime';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-e2e-'));
const graph = await startFakeMetaGraph({ appSecret: TEST_APP_SECRET });
const app = await startServer({ config: testConfig({ DATA_DIR: dataDir, META_GRAPH_URL: graph.url, LOG_LEVEL: 'warn' }), dev: false, seed: false });
graph.setWebhookUrl(`${app.url}/api/webhooks/meta`);

const deps = getDeps();
const roles = await ensureBuiltinRoles(deps.db);
const admin = { email: 'admin@e2e.local', password: 'e2e-admin-pass', name: 'Erika Admin' };
const operator = { email: 'operator@e2e.local', password: 'e2e-operator-pass', name: 'Otto Operator' };
await createEmployee(deps.db, { ...admin, roleId: roles.Admin.id });
await createEmployee(deps.db, { ...operator, roleId: roles.Operator.id });
const [channel] = await deps.db
  .insert(channels)
  .values({ kind: 'MESSENGER', name: graph.page.name, externalId: graph.page.id, accessToken: graph.page.token })
  .returning();
await deps.db.insert(channelRoles).values({ channelId: channel.id, roleId: roles.Operator.id });

// the control port: what the platform and the customer do, on a test's command
const control = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
  try {
    if (req.url === '/customer-writes') await graph.customerWrites(body.psid, body.text, body.ageMs ? { timestamp: Date.now() - body.ageMs } : undefined);
    else if (req.url === '/deliver') await graph.deliver(body.psid);
    else if (req.url === '/read') await graph.read(body.psid);
    else if (req.url === '/sent') return void res.end(JSON.stringify(graph.sent));
    else return void res.writeHead(404).end();
    await graph.idle();
    res.end('{}');
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    ready: true,
    url: app.url.replace('localhost', '127.0.0.1'),
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    admin,
    operator,
    pageName: graph.page.name,
  }),
);

const stop = async () => {
  control.close();
  await app.stop();
  await graph.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
