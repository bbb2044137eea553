import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../graphql/schema';

describe('the published schema', () => {
  it('schema.graphql matches the code: run `npm run schema:print` and `npm run codegen` after an API change', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(`${printSchema(schema)}\n`).toBe(committed);
  });

  it('keeps the core names of API.md', () => {
    const printed = printSchema(schema);
    for (const name of [
      'type Chat implements Node',
      'type Message implements Node',
      'type Comment implements Node',
      'type Client implements Node',
      'type Document implements Node',
      'type Channel implements Node',
      'type Employee implements Node',
      'type Role implements Node',
      'union InboxEvent = ChatUpdated | MessageAdded | MessageUpdated',
      'enum SendBlock',
      'scalar DateTime',
      'scalar File',
      'input TemplateInput',
    ]) {
      expect(printed).toContain(name);
    }
    for (const field of ['sendMessage(', 'markChatRead(', 'connectChannel(', 'setChannelAccess(', 'createRole(', 'createApiKey(', 'createClient(', 'linkClient(', 'inboxEvents', 'inboxBadge: Int!']) {
      expect(printed).toContain(field);
    }
  });
});
