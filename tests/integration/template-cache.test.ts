import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { TEMPLATE_LIST_TTL_MS } from '../../domain/channels/template-cache';
import { createContext } from '../../graphql/context';
import { schema } from '../../graphql/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { startFakeWhatsApp, type FakeWhatsApp } from '../fakes/whatsapp-cloud';
import { builtinRoles, makeEmployee } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime, TEST_APP_SECRET } from '../helpers/runtime';

describe.each(DRIVERS)('WhatsApp template lists are cached per channel (%s)', (driver) => {
  let rt: BootedRuntime;
  let wa: FakeWhatsApp;
  let admin: Credentials;

  beforeAll(async () => {
    wa = await startFakeWhatsApp({ appSecret: TEST_APP_SECRET });
    rt = await startTestRuntime(driver, { META_GRAPH_URL: wa.url });
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    const res = await gql(rt, admin, 'mutation($id: String!, $t: String!, $w: String) { connectChannel(kind: WHATSAPP, externalId: $id, name: "", accessToken: $t, businessAccountId: $w) { id } }', {
      id: wa.phoneNumberId,
      t: wa.token,
      w: wa.wabaId,
    });
    expect(res.errors).toBeUndefined();
  });
  afterAll(async () => {
    vi.useRealTimers();
    await rt?.close();
    await wa?.stop();
  });

  const templateCalls = () => wa.calls.filter((c) => c.path.includes('message_templates')).length;

  it('200 aliases of Channel.templates make at most one Graph call', async () => {
    const before = templateCalls();
    const fields = Array.from({ length: 200 }, (_, i) => `t${i}: templates { name }`).join(' ');
    // straight through the schema: the resolvers' behaviour, whatever request limits sit in front
    const result = await execute({
      schema,
      document: parse(`{ channels { ${fields} } }`),
      contextValue: createContext(rt.deps, await buildViewer(rt.deps.db, admin)),
    });
    expect(result.errors).toBeUndefined();
    const channel = (result.data!.channels as Record<string, { name: string }[]>[])[0];
    expect(channel.t0.map((t) => t.name)).toContain('order_update');
    expect(channel.t199).toEqual(channel.t0);
    expect(templateCalls() - before).toBeLessThanOrEqual(1);
  });

  it('many requests at once and in a row share the list until it is a few minutes old', async () => {
    const before = templateCalls();
    await Promise.all(Array.from({ length: 20 }, () => gql(rt, admin, '{ channels { templates { name } } }')));
    expect(templateCalls() - before).toBeLessThanOrEqual(1);
    const cached = templateCalls();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + TEMPLATE_LIST_TTL_MS + 1000);
    const res = await gql(rt, admin, '{ channels { templates { name } } }');
    vi.useRealTimers();
    expect(res.data!.channels[0].templates.length).toBeGreaterThan(0);
    expect(templateCalls()).toBe(cached + 1);
  });
});
