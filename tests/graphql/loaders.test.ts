import { describe, expect, it } from 'vitest';
import type { Executor } from '../../db/client';
import type { ChatView } from '../../domain/chats/chat-view';
import { Loaders } from '../../graphql/context';

/** A database that fails any query: what the loaders answer here, they answer without one. */
const noDatabase = new Proxy({}, { get: () => { throw new Error('queried the database'); } }) as Executor;
const view = (id: string, title: string) => ({ chat: { id }, contact: { displayName: title } }) as unknown as ChatView;

describe('per-request loaders', () => {
  it('a chat of the list page is answered by the chat loader without a query, primed before or after the loader is first used', async () => {
    const loaders = new Loaders(noDatabase);
    loaders.primeChats([view('a', 'A'), view('b', 'B')]);
    expect(await loaders.chat.load('a')).toMatchObject({ contact: { displayName: 'A' } });
    loaders.primeChats([view('c', 'C')]);
    expect(await loaders.chat.loadMany(['b', 'c'])).toMatchObject([{ contact: { displayName: 'B' } }, { contact: { displayName: 'C' } }]);
  });

  it('the first view primed for a chat is kept, as DataLoader.prime does', async () => {
    const loaders = new Loaders(noDatabase);
    loaders.primeChats([view('a', 'first')]);
    loaders.primeChats([view('a', 'second')]);
    expect(await loaders.chat.load('a')).toMatchObject({ contact: { displayName: 'first' } });
    loaders.primeChats([view('a', 'third')]);
    expect(await loaders.chat.load('a')).toMatchObject({ contact: { displayName: 'first' } });
  });

  it('each loader is made once per request and not shared between requests', () => {
    const one = new Loaders(noDatabase);
    const other = new Loaders(noDatabase);
    expect(one.employee).toBe(one.employee);
    expect(one.employee).not.toBe(other.employee);
  });
});
