import type { ChatStatus } from '../../graphql-client/graphql';

/** What narrows the chat list besides Open/Archived; kept in the URL (`?q=…&channel=…&unread=1&awaiting=1`). */
export interface ListFilter {
  search: string;
  channelId: string | null;
  unread: boolean;
  awaitingReply: boolean;
}

export const NO_FILTER: ListFilter = { search: '', channelId: null, unread: false, awaitingReply: false };

/** The search box never sends more than the API accepts. */
export const SEARCH_MAX = 200;

type Params = { get(name: string): string | null } | null;

export function statusFromParams(params: Params): ChatStatus {
  return params?.get('status') === 'archived' ? 'ARCHIVED' : 'OPEN';
}

export function filterFromParams(params: Params): ListFilter {
  return {
    search: (params?.get('q') ?? '').slice(0, SEARCH_MAX),
    channelId: params?.get('channel') || null,
    unread: params?.get('unread') === '1',
    awaitingReply: params?.get('awaiting') === '1',
  };
}

/** The same list, told apart from any other: a list loaded for another key is dropped. */
export function listKey(status: ChatStatus, filter: ListFilter): string {
  return JSON.stringify([status, filter.search.trim(), filter.channelId, filter.unread, filter.awaitingReply]);
}

export function isFiltered(filter: ListFilter): boolean {
  return filter.search.trim() !== '' || filter.channelId !== null || filter.unread || filter.awaitingReply;
}

/** The query's variables for a filter: absent filters are not sent. */
export function filterVariables(filter: ListFilter) {
  return {
    search: filter.search.trim() || null,
    channelId: filter.channelId,
    unread: filter.unread ? true : null,
    awaitingReply: filter.awaitingReply ? true : null,
  };
}

/** `url`'s query with status and filter written in (the chat path stays as it is). */
export function writeListParams(search: string, status: ChatStatus, filter: ListFilter): string {
  const params = new URLSearchParams(search);
  const set = (name: string, value: string | null) => (value ? params.set(name, value) : params.delete(name));
  set('status', status === 'ARCHIVED' ? 'archived' : null);
  set('q', filter.search || null);
  set('channel', filter.channelId);
  set('unread', filter.unread ? '1' : null);
  set('awaiting', filter.awaitingReply ? '1' : null);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Whether a chat that changed live still belongs in a filtered list (the search is the server's to judge). */
export function chatFitsFilter(chat: { channel: { id: string }; unread: boolean; awaitingReply: boolean }, filter: ListFilter): boolean {
  if (filter.channelId && chat.channel.id !== filter.channelId) return false;
  if (filter.unread && !chat.unread) return false;
  if (filter.awaitingReply && !chat.awaitingReply) return false;
  return true;
}
