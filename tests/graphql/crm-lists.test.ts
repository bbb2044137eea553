import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeEmployee, makeRole } from '../helpers/factories';
import { errorCode, gid, gql, type Credentials } from '../helpers/graphql';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';

const DOCUMENTS = `query($kind: DocumentKind, $search: String, $first: Int, $after: String) {
  documents(kind: $kind, search: $search, first: $first, after: $after) {
    edges { node { number title status kind client { name phone } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CALLS = `query($first: Int, $after: String) {
  calls(first: $first, after: $after) {
    edges { node { phone direction startedAt durationSeconds client { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const LOG_CALL = `mutation($phone: String!, $direction: MessageDirection!, $startedAt: DateTime!, $durationSeconds: Int, $clientId: ID) {
  logCall(phone: $phone, direction: $direction, startedAt: $startedAt, durationSeconds: $durationSeconds, clientId: $clientId) {
    id phone direction durationSeconds client { name }
  }
}`;

describe.each(DRIVERS)('the CRM lists: documents and calls (%s)', (driver) => {
  let rt: BootedRuntime;
  let operator: Credentials;
  let documentsOnly: Credentials;
  let chatsOnly: Credentials;
  let telephony: Credentials;
  let anna: string;

  const numbers = async (who: Credentials, variables: Record<string, unknown>) => {
    const res = await gql(rt, who, DOCUMENTS, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.documents.edges.map((e: any) => e.node.number);
  };

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    const { Operator } = await builtinRoles(rt.deps);
    operator = { cookie: (await makeEmployee(rt.deps, Operator.id)).cookie };
    documentsOnly = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['DOCUMENTS'])).id)).cookie };
    chatsOnly = { cookie: (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie };
    telephony = await makeApiKey(rt.deps, (await makeRole(rt.deps, ['CLIENTS'])).id);
    const created = await gql(rt, operator, 'mutation { a: createClient(name: "Anna Schmidt", phone: "+4917699988877") { id } b: createClient(name: "Bert Brown") { id } }');
    anna = created.data!.a.id;
    const bert = created.data!.b.id;
    for (const [clientId, kind, title] of [
      [anna, 'ORDER', 'Screen replacement iPhone 13'],
      [bert, 'ORDER', 'Battery swap'],
      [anna, 'INVOICE', 'Screen replacement iPhone 13'],
      [bert, 'ORDER', 'New charging port'],
      [anna, 'LEAD', 'Wants a quote for 100% discount_codes'],
    ]) {
      const res = await gql(rt, operator, 'mutation($c: ID!, $k: DocumentKind!, $t: String!) { createDocument(clientId: $c, kind: $k, title: $t) { id } }', { c: clientId, k: kind, t: title });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => rt?.close());

  it('each page lists the documents of its kind, newest first, with the client and their phone', async () => {
    const res = await gql(rt, operator, DOCUMENTS, { kind: 'ORDER' });
    expect(res.data!.documents.edges.map((e: any) => e.node)).toEqual([
      { number: 'O-0003', title: 'New charging port', status: 'NEW', kind: 'ORDER', client: { name: 'Bert Brown', phone: null } },
      { number: 'O-0002', title: 'Battery swap', status: 'NEW', kind: 'ORDER', client: { name: 'Bert Brown', phone: null } },
      { number: 'O-0001', title: 'Screen replacement iPhone 13', status: 'NEW', kind: 'ORDER', client: { name: 'Anna Schmidt', phone: '+4917699988877' } },
    ]);
    expect(await numbers(operator, { kind: 'INVOICE' })).toEqual(['I-0001']);
    expect(await numbers(operator, { kind: 'ESTIMATE' })).toEqual([]);
    expect(await numbers(operator, {})).toEqual(['L-0001', 'O-0003', 'I-0001', 'O-0002', 'O-0001']);
  });

  it('documents are found by number, title, client name and client phone, and page forward', async () => {
    expect(await numbers(operator, { kind: 'ORDER', search: 'o-0002' })).toEqual(['O-0002']);
    expect(await numbers(operator, { kind: 'ORDER', search: 'screen' })).toEqual(['O-0001']);
    expect(await numbers(operator, { kind: 'ORDER', search: 'bert' })).toEqual(['O-0003', 'O-0002']);
    expect(await numbers(operator, { search: '+49 176 999' })).toEqual(['L-0001', 'I-0001', 'O-0001']);
    expect(await numbers(operator, { search: '100%' })).toEqual(['L-0001']);
    expect(await numbers(operator, { search: 't_codes' })).toEqual(['L-0001']);
    expect(await numbers(operator, { search: '%' })).toEqual(['L-0001']);
    expect(await numbers(operator, { search: "'; delete from documents; --" })).toEqual([]);
    const first = await gql(rt, operator, DOCUMENTS, { kind: 'ORDER', first: 2 });
    expect(first.data!.documents.pageInfo.hasNextPage).toBe(true);
    expect(await numbers(operator, { kind: 'ORDER', first: 2, after: first.data!.documents.pageInfo.endCursor })).toEqual(['O-0001']);
    expect(errorCode(await gql(rt, operator, '{ documents(last: 2) { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });

  it('documents need DOCUMENTS; without CLIENTS the client stays hidden and is not searchable', async () => {
    expect(errorCode(await gql(rt, chatsOnly, DOCUMENTS, {}))).toBe('FORBIDDEN');
    const res = await gql(rt, documentsOnly, DOCUMENTS, { kind: 'INVOICE' });
    expect(res.data!.documents.edges.map((e: any) => e.node)).toEqual([{ number: 'I-0001', title: 'Screen replacement iPhone 13', status: 'NEW', kind: 'INVOICE', client: null }]);
    expect(await numbers(documentsOnly, { search: 'anna' })).toEqual([]);
  });

  it('a telephony integration logs calls: numbers kept in E.164 and linked to the client who has that number', async () => {
    const logged = await gql(rt, telephony, LOG_CALL, { phone: '+49 176 999 888 77', direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z', durationSeconds: 95 });
    expect(logged.errors).toBeUndefined();
    expect(logged.data!.logCall).toMatchObject({ phone: '+4917699988877', direction: 'INBOUND', durationSeconds: 95, client: { name: 'Anna Schmidt' } });
    const unknown = await gql(rt, telephony, LOG_CALL, { phone: 'ext. 12', direction: 'OUTBOUND', startedAt: '2026-11-30T10:00:00Z' });
    expect(unknown.data!.logCall).toMatchObject({ phone: 'ext. 12', durationSeconds: null, client: null });
    const given = await gql(rt, telephony, LOG_CALL, { phone: '+4930123456', direction: 'OUTBOUND', startedAt: '2026-11-30T08:00:00Z', clientId: anna });
    expect(given.data!.logCall.client).toEqual({ name: 'Anna Schmidt' });

    const list = await gql(rt, operator, CALLS, { first: 2 });
    expect(list.data!.calls.edges.map((e: any) => e.node.phone)).toEqual(['ext. 12', '+4917699988877']);
    const rest = await gql(rt, operator, CALLS, { first: 2, after: list.data!.calls.pageInfo.endCursor });
    expect(rest.data!.calls.edges.map((e: any) => e.node)).toEqual([
      { phone: '+4930123456', direction: 'OUTBOUND', startedAt: '2026-11-30T08:00:00.000Z', durationSeconds: null, client: { name: 'Anna Schmidt' } },
    ]);
  });

  it('a call that cannot be right is refused with a sentence, and calls need CLIENTS', async () => {
    expect(errorCode(await gql(rt, telephony, LOG_CALL, { phone: '  ', direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(rt, telephony, LOG_CALL, { phone: '1'.repeat(41), direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(rt, telephony, LOG_CALL, { phone: '+4930123456', direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z', durationSeconds: -1 }))).toBe('BAD_USER_INPUT');
    const missing = gid('Client', '00000000-0000-4000-8000-000000000000');
    expect(errorCode(await gql(rt, telephony, LOG_CALL, { phone: '+4930123456', direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z', clientId: missing }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(rt, chatsOnly, LOG_CALL, { phone: '+4930123456', direction: 'INBOUND', startedAt: '2026-11-30T09:00:00Z' }))).toBe('FORBIDDEN');
    expect(errorCode(await gql(rt, chatsOnly, CALLS, {}))).toBe('FORBIDDEN');
  });
});
