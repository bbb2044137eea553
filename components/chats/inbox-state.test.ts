import { describe, expect, it } from 'vitest';
import { inboxReducer } from './inbox-reducer';
import { initialInboxState, type ChatItem, type MessageItem } from './inbox-state';

const message = (id: string, minute: number, status: MessageItem['status'] = 'RECEIVED'): MessageItem => ({
  id,
  direction: status === 'RECEIVED' ? 'INBOUND' : 'OUTBOUND',
  status,
  text: id,
  createdAt: new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString(),
  deliveredAt: null,
  readAt: null,
  error: null,
  tag: null,
  sentOutside: false,
  transcription: null,
  sender: null,
  attachments: [],
  comment: null,
  replyTo: null,
});

const chat = { id: 'chat-1' } as ChatItem;

function stateWith(messages: MessageItem[], hasPrevious: boolean) {
  return initialInboxState({ status: 'OPEN', page: null, thread: { chat, messages, startCursor: null, hasPrevious }, missingChatId: null });
}

describe('an update to a message not shown yet', () => {
  it('is shown when it falls within the loaded history (our own send whose answer is still on its way)', () => {
    const state = stateWith([message('a', 1), message('b', 2)], true);
    const next = inboxReducer(state, { type: 'messageUpserted', chatId: 'chat-1', message: message('ours', 3, 'SENT'), onlyIfShown: true });
    expect(next.threads['chat-1'].messages.map((m) => [m.id, m.status])).toEqual([
      ['a', 'RECEIVED'],
      ['b', 'RECEIVED'],
      ['ours', 'SENT'],
    ]);
  });

  it('is left out when it is older than the loaded pages, so it does not appear out of context', () => {
    const state = stateWith([message('b', 5), message('c', 6)], true);
    const next = inboxReducer(state, { type: 'messageUpserted', chatId: 'chat-1', message: message('old', 1, 'READ'), onlyIfShown: true });
    expect(next.threads['chat-1'].messages.map((m) => m.id)).toEqual(['b', 'c']);
  });

  it('is shown when the whole history is loaded', () => {
    const state = stateWith([message('b', 5)], false);
    const next = inboxReducer(state, { type: 'messageUpserted', chatId: 'chat-1', message: message('first', 1, 'READ'), onlyIfShown: true });
    expect(next.threads['chat-1'].messages.map((m) => m.id)).toEqual(['first', 'b']);
  });
});
