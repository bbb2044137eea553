import { encodeGlobalID } from '@pothos/plugin-relay';
import { isInterfaceType, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../graphql/schema';

describe('Node ids', () => {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('no Node interface');
  const info = {} as GraphQLResolveInfo;
  // each type's own id resolver, as Pothos keeps it
  const idOf = (name: string) => (schema.getType(name)!.extensions.pothosOptions as { id: { resolve: (parent: unknown) => unknown } }).id.resolve;

  it('a Chat or Message id is answered at once (no promise per row) and is the same global id as before', () => {
    const chatId = '00000000-0000-4000-b000-000000000001';
    const chat = schema.getPossibleTypes(node).find((t) => t.name === 'Chat')!;
    const answer = chat.getFields().id.resolve!({ chat: { id: chatId } }, {}, {}, info);
    expect(answer).toBe(encodeGlobalID('Chat', chatId));
    const message = schema.getPossibleTypes(node).find((t) => t.name === 'Message')!;
    expect(message.getFields().id.resolve!({ id: 'm1' }, {}, {}, info)).toBe(encodeGlobalID('Message', 'm1'));
  });

  it('every Node type answers its id without a promise, from its own id resolver', () => {
    // a row where `id` and any nested `*.id` read 'x'
    const nested = new Proxy({}, { get: () => 'x' });
    const parent = new Proxy({}, { get: (_, key) => (key === 'id' ? 'x' : nested) });
    const types = schema.getPossibleTypes(node);
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) {
      expect(idOf(type.name)(parent), type.name).toBe('x');
      expect(type.getFields().id.resolve!(parent, {}, {}, info), type.name).toBe(encodeGlobalID(type.name, 'x'));
    }
  });

  it('an id with characters beyond ASCII is the same global id Pothos writes (UTF-8)', () => {
    const chat = schema.getPossibleTypes(node).find((t) => t.name === 'Chat')!;
    for (const id of ['ü-1', 'a\u00ffb', '日本', '']) expect(chat.getFields().id.resolve!({ chat: { id } }, {}, {}, info), id).toBe(encodeGlobalID('Chat', id));
  });

  it('an id resolver that gives no plain value still goes through Pothos (a promise, as before)', async () => {
    const chat = schema.getPossibleTypes(node).find((t) => t.name === 'Chat')!;
    const answer = chat.getFields().id.resolve!({ chat: { id: null } }, {}, {}, info);
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toBe(encodeGlobalID('Chat', 'null'));
  });
});
