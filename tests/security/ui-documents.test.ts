import { getOperationAST, GraphQLEnumType, Kind, parse, type GraphQLSchema, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as documents from '../../graphql-client/graphql';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey } from '../helpers/factories';
import { startTestRuntime } from '../helpers/runtime';

/** Every operation the UI ships (codegen's documents, fragments included in each). */
const operations = Object.entries(documents)
  .filter(([name, doc]) => doc instanceof documents.TypedDocumentString && !name.endsWith('FragmentDoc'))
  .map(([name, doc]) => ({ name, text: String(doc) }));

// the largest pages the server hands out (domain/chats/list-chats.ts, domain/messages/list-messages.ts)
const PAGE_MAX = { first: 200, last: 500 };

function sampleValue(schema: GraphQLSchema, name: string, type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return sampleValue(schema, name, type.type);
  if (type.kind === Kind.LIST_TYPE) return [];
  if (name === 'first' || name === 'last') return PAGE_MAX[name];
  const named = schema.getType(type.name.value);
  if (named instanceof GraphQLEnumType) return named.getValues()[0].value;
  return { Int: 1, Boolean: true, String: 'x', ID: 'none' }[type.name.value] ?? null;
}

describe('the UI within the limits', () => {
  let rt: BootedRuntime;
  let key: string;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite');
    const { Admin } = await builtinRoles(rt.deps);
    key = (await makeApiKey(rt.deps, Admin.id)).authorization;
  });
  afterAll(() => rt?.close());

  it('finds the UI\'s documents', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['ChatsPageDocument', 'ChatThreadDocument', 'InboxEventsDocument']));
  });

  it.each(operations)('$name passes every limit, even with the largest pages', async ({ text }) => {
    const enveloped = rt.yoga.getEnveloped({ signedIn: true });
    const document = enveloped.parse(text);
    expect(enveloped.validate(enveloped.schema, document)).toEqual([]);

    const operation = getOperationAST(parse(text))!;
    if (operation.operation !== 'query') return;
    const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sampleValue(enveloped.schema, v.variable.name.value, v.type)]));
    const res = await rt.yoga.fetch('http://localhost/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: key }, body: JSON.stringify({ query: text, variables }) });
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect((body.errors ?? []).filter((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX' || /Variable|validation/i.test(e.message))).toEqual([]);
  });
});
