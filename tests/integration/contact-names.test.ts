import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeChannel, makeEmployee } from '../helpers/factories';
import { gql, type Credentials } from '../helpers/graphql';
import { postMeta } from '../helpers/meta-webhook';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const PHONE_ID = '106540352242999';

/** A WhatsApp text from `waId` with the profile name WhatsApp sends along. */
function whatsappText(waId: string, name: string, text: string, id: string) {
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID },
    contacts: [{ profile: { name }, wa_id: waId }],
    messages: [{ from: waId, id, timestamp: String(Math.floor(Date.now() / 1000)), text: { body: text }, type: 'text' }],
  };
  return metaJsonStringify({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ value, field: 'messages' }] }] });
}

describe.each(DRIVERS)('names that come with each message (%s)', (driver) => {
  let rt: BootedRuntime;
  let admin: Credentials;

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Admin } = await builtinRoles(rt.deps);
    admin = { cookie: (await makeEmployee(rt.deps, Admin.id)).cookie };
    await makeChannel(rt.deps, { kind: 'WHATSAPP', externalId: PHONE_ID });
  });
  afterAll(() => rt?.close());

  const titleOf = async (waId: string) => {
    const res = await gql(rt, admin, '{ chats(first: 20) { edges { node { title contact { externalId } } } } }');
    return res.data!.chats.edges.map((e: any) => e.node).find((c: any) => c.contact.externalId === waId)?.title;
  };

  it('a WhatsApp customer who changes their profile name shows under the new name from their next message on', async () => {
    expect((await postMeta(rt.deps, whatsappText('4917055501', 'Jo', 'Hi', 'wamid.name-1'))).status).toBe(200);
    expect(await titleOf('4917055501')).toBe('Jo');
    await postMeta(rt.deps, whatsappText('4917055501', 'Johanna Weber', 'It is me again', 'wamid.name-2'));
    expect(await titleOf('4917055501')).toBe('Johanna Weber');
  });
});
