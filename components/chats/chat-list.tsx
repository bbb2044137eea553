'use client';

import { clsx } from 'clsx';
import { useTranslations } from '../../lib/ui/intl';
import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChatStatus } from '../../graphql-client/graphql';
import { useLiveStatus } from '../providers/live-provider';
import { Archive, Inbox, LoaderCircle, RotateCw, SearchX, WifiOff } from '../ui/icons';
import { Avatar } from './avatar';
import { ChannelIcon } from './channel-icon';
import { ChatItemFilter, chatsShowing, type ChatItemsShown } from './chat-item-filter';
import { RetryAlert } from '../ui/retry-alert';
import { SearchField } from '../ui/search-field';
import type { ChatItem } from './inbox-state';
import { isFiltered, NO_FILTER, SEARCH_MAX, writeListParams, type ListFilter } from './list-filter';
import { useChatTime } from './time';

interface ChatListProps {
  status: ChatStatus;
  filter: ListFilter;
  channels: { id: string; kind: ChatItem['channel']['kind']; name: string }[];
  /** `replace`: as the operator types (no history entry per letter). */
  onFilter(filter: ListFilter, replace: boolean): void;
  chats: ChatItem[];
  selectedId: string | null;
  state: 'ready' | 'loading' | 'error';
  hasNext: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
  onStatus(status: ChatStatus): void;
  onSelect(chatId: string): void;
  onLoadMore(): void;
  onRetry(): void;
  footer?: ReactNode;
  /** On a phone the open chat takes the whole width: the list steps aside. */
  hiddenOnSmall?: boolean;
}

export function ChatList(allProps: ChatListProps) {
  const t = useTranslations('chats.list');
  const tc = useTranslations('comments.filter');
  // messages, comments or both: a view of the chats already loaded
  const [shown, setShown] = useState<ChatItemsShown>('all');
  const props = { ...allProps, chats: chatsShowing(allProps.chats, shown) };
  const tf = useTranslations('anywhere.find');
  const live = useLiveStatus();
  const rowQuery = writeListParams('', props.status, props.filter);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNext, loadingMore, moreFailed, onLoadMore, state } = props;
  // one row is in the Tab order (the last focused, else the open chat, else the first); j/k and the arrows move between rows
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const ids = props.chats.map((c) => c.id);
  const tabbableId = focusedId && ids.includes(focusedId) ? focusedId : props.selectedId && ids.includes(props.selectedId) ? props.selectedId : (ids[0] ?? null);

  // infinite scroll: fetch the next page when the end of the list comes into view
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNext || loadingMore || moreFailed || state !== 'ready') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoadMore(), { rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNext, loadingMore, moreFailed, onLoadMore, state]);

  return (
    <section aria-label={t('label')} className={clsx('w-full shrink-0 flex-col border-r border-slate-200 bg-white md:flex md:w-[320px]', props.hiddenOnSmall ? 'hidden' : 'flex')}>
      <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 px-3">
        <div role="group" aria-label={t('filter')} className="flex rounded-md bg-slate-100 p-0.5 text-[12.5px] font-medium">
          {(['OPEN', 'ARCHIVED'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={props.status === s}
              aria-keyshortcuts={s === 'OPEN' ? 'o' : 'a'}
              data-testid={s === 'OPEN' ? 'show-open' : 'show-archived'}
              onClick={() => props.onStatus(s)}
              className={clsx(
                'rounded px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11 max-md:px-4',
                props.status === s ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {s === 'OPEN' ? t('open') : t('archived')}
            </button>
          ))}
        </div>
        <div className="flex-1" />
        {live === 'reconnecting' && (
          <span role="status" className="flex items-center gap-1 text-[11.5px] text-amber-700" title={t('reconnectingHint')}>
            <WifiOff className="size-3.5" aria-hidden />
            {t('reconnecting')}
          </span>
        )}
      </div>

      <ListFilters filter={props.filter} channels={props.channels} onFilter={props.onFilter} searching={state === 'loading'} />
      <ChatItemFilter shown={shown} onShow={setShown} />

      <div className="min-h-0 flex-1 overflow-y-auto" data-testid="chat-list">
        {state === 'loading' && <ListSkeleton />}
        {state === 'error' && (
          <RetryAlert message={t('error')} retryLabel={t('retry')} onRetry={props.onRetry} className="px-6 py-10 text-slate-500" />
        )}
        {state === 'ready' && props.chats.length === 0 && isFiltered(props.filter) && (
          <div className="flex flex-col items-center gap-2 px-6 py-12 text-center text-slate-500" data-testid="chat-list-no-match">
            <SearchX className="size-6 text-slate-300" aria-hidden />
            <p className="font-medium text-slate-600">{tf('noMatch')}</p>
            <p className="text-[12.5px]">{tf('noMatchHint')}</p>
            <button type="button" onClick={() => props.onFilter(NO_FILTER, false)} className="mt-1 rounded-md border border-slate-300 px-2.5 py-1 text-[13px] text-slate-700 hover:bg-slate-50 max-md:min-h-11">
              {tf('clear')}
            </button>
          </div>
        )}
        {state === 'ready' && props.chats.length === 0 && !isFiltered(props.filter) && (
          <div className="flex flex-col items-center gap-2 px-6 py-12 text-center text-slate-500">
            {props.status === 'OPEN' ? <Inbox className="size-6 text-slate-300" aria-hidden /> : <Archive className="size-6 text-slate-300" aria-hidden />}
            {shown === 'all' ? (
              <>
                <p className="font-medium text-slate-600">{props.status === 'OPEN' ? t('emptyOpen') : t('emptyArchived')}</p>
                <p className="text-[12.5px]">{props.status === 'OPEN' ? t('emptyOpenHint') : t('emptyArchivedHint')}</p>
              </>
            ) : (
              <p className="font-medium text-slate-600">{tc(shown === 'comments' ? 'emptyComments' : 'emptyMessages')}</p>
            )}
          </div>
        )}
        {state === 'ready' && props.chats.length > 0 && (
          <ul aria-label={props.status === 'OPEN' ? t('open') : t('archived')} aria-describedby="chat-list-keys">
            {props.chats.map((chat) => (
              <ChatRow
                key={chat.id}
                chat={chat}
                href={`/chats/${encodeURIComponent(chat.id)}${rowQuery}`}
                selected={chat.id === props.selectedId}
                tabbable={chat.id === tabbableId}
                onSelect={props.onSelect}
                onFocusRow={setFocusedId}
              />
            ))}
          </ul>
        )}
        {state === 'ready' && hasNext && (
          <div ref={sentinel} className="flex justify-center py-3 text-[12.5px] text-slate-500">
            {moreFailed ? (
              <button type="button" onClick={onLoadMore} className="flex items-center gap-1.5 hover:text-slate-800">
                <RotateCw className="size-3.5" aria-hidden />
                {t('moreFailed')}
              </button>
            ) : (
              <LoaderCircle className="size-4 animate-spin" aria-label={t('loadingMore')} />
            )}
          </div>
        )}
      </div>
      <p id="chat-list-keys" className="sr-only">
        {t('keysHint')}
      </p>
      {props.footer}
    </section>
  );
}

const SEARCH_DELAY_MS = 300;

/** Search (server side, as the operator types) and the channel, unread and awaiting-reply filters. */
function ListFilters({ filter, channels, onFilter, searching }: Pick<ChatListProps, 'filter' | 'channels' | 'onFilter'> & { searching: boolean }) {
  const t = useTranslations('anywhere.find');
  const channelId = useId();
  const [text, setText] = useState(filter.search);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const box = useRef<HTMLInputElement>(null);
  // back/forward or "clear" changed the URL: the box follows
  useEffect(() => setText(filter.search), [filter.search]);
  // words typed while the page was still loading are in the box but not in the state: take them
  // (after the effect above, which on mount would put the URL's words back)
  useEffect(() => {
    const typed = box.current?.value;
    if (typed !== undefined && typed !== filterRef.current.search) setText(typed);
  }, []);
  useEffect(() => {
    if (text === filterRef.current.search) return;
    const timer = setTimeout(() => onFilter({ ...filterRef.current, search: text }, true), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, onFilter]);

  const toggle = (key: 'unread' | 'awaitingReply') => onFilter({ ...filter, search: text, [key]: !filter[key] }, false);
  const chip = (on: boolean) =>
    clsx(
      'rounded-full border px-2.5 py-0.5 text-[12px] font-medium focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11 max-md:px-3.5',
      on ? 'border-brand-600 bg-brand-50 text-brand-800' : 'border-slate-300 text-slate-600 hover:bg-slate-50 hover:text-slate-900',
    );

  return (
    <div className="shrink-0 space-y-2 border-b border-slate-200 px-3 py-2" role="search">
      <SearchField
        label={t('searchLabel')}
        busyLabel={t('searching')}
        busy={searching}
        ref={box}
        value={text}
        maxLength={SEARCH_MAX}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onFilter({ ...filterRef.current, search: text }, true);
        }}
        placeholder={t('searchPlaceholder')}
        data-testid="chat-search"
        inputClassName="pr-8 max-md:min-h-11 max-md:text-[16px]"
      />
      <div className="flex flex-wrap items-center gap-1.5">
        {channels.length > 1 && (
          <>
            <label htmlFor={channelId} className="sr-only">
              {t('channelLabel')}
            </label>
            <select
              id={channelId}
              value={filter.channelId ?? ''}
              onChange={(e) => onFilter({ ...filter, search: text, channelId: e.target.value || null }, false)}
              data-testid="chat-channel-filter"
              className={clsx(chip(!!filter.channelId), 'max-w-[9rem] truncate bg-white py-0.5 pr-1 max-md:px-2')}
            >
              <option value="">{t('allChannels')}</option>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" aria-pressed={filter.unread} onClick={() => toggle('unread')} className={chip(filter.unread)} data-testid="filter-unread">
          {t('unread')}
        </button>
        <button type="button" aria-pressed={filter.awaitingReply} onClick={() => toggle('awaitingReply')} className={chip(filter.awaitingReply)} data-testid="filter-awaiting">
          {t('awaiting')}
        </button>
      </div>
    </div>
  );
}

const PREVIEW_KINDS = new Set(['image', 'audio', 'video', 'sticker', 'location']);

function preview(chat: ChatItem, attachmentLabel: (kind: string) => string) {
  const m = chat.lastMessage;
  if (!m) return '';
  const body = m.text?.trim();
  if (!body && m.attachments.length) return attachmentLabel(PREVIEW_KINDS.has(m.attachments[0].kind) ? m.attachments[0].kind : 'file');
  return body ?? '';
}

const ChatRow = memo(function ChatRow({
  chat,
  href,
  selected,
  tabbable,
  onSelect,
  onFocusRow,
}: {
  chat: ChatItem;
  /** A real link: a click before the page has hydrated (or with Ctrl/⌘) still opens the chat. */
  href: string;
  selected: boolean;
  tabbable: boolean;
  onSelect(id: string): void;
  onFocusRow(id: string): void;
}) {
  const t = useTranslations('chats.list');
  const time = useChatTime();
  const marker = chat.unread ? 'unread' : chat.awaitingReply ? 'awaiting' : 'none';
  const outbound = chat.lastMessage?.direction === 'OUTBOUND';
  return (
    <li>
      <a
        href={href}
        data-testid="chat-row"
        data-chat-id={chat.id}
        data-marker={marker}
        aria-current={selected ? 'true' : undefined}
        tabIndex={tabbable ? 0 : -1}
        onFocus={() => onFocusRow(chat.id)}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
          e.preventDefault();
          onSelect(chat.id);
        }}
        className={clsx(
          'relative flex w-full items-center gap-2.5 border-b border-slate-100 py-2 pr-3 pl-3 text-left focus-visible:z-10 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500',
          selected ? 'bg-brand-50' : 'hover:bg-slate-50',
        )}
      >
        {selected && <span className="absolute inset-y-0 left-0 w-0.5 bg-brand-600" aria-hidden />}
        <Avatar name={chat.client?.name ?? chat.contact.displayName} url={chat.contact.avatarUrl} seed={chat.id} size={36} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className={clsx('min-w-0 flex-1 truncate text-[13.5px]', chat.unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-800')} data-testid="chat-title">
              {chat.title}
            </span>
            <time dateTime={chat.lastMessageAt} title={time.full(chat.lastMessageAt)} suppressHydrationWarning className={clsx('shrink-0 text-[11.5px] tabular-nums', chat.unread ? 'font-medium text-brand-700' : selected ? 'text-slate-600' : 'text-slate-500')}>
              {time.short(chat.lastMessageAt)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-1.5">
            <ChannelIcon kind={chat.channel.kind} label={chat.channel.name} />
            <span className={clsx('min-w-0 flex-1 truncate text-[12.5px]', chat.unread || selected ? 'text-slate-700' : 'text-slate-500')}>
              {outbound && <span>{t('you')} </span>}
              {preview(chat, (kind) => t(`attachment.${kind}`))}
            </span>
            {marker === 'unread' && (
              <span className="size-2.5 shrink-0 rounded-full bg-brand-500" role="img" aria-label={t('markerUnread')} title={t('markerUnread')} />
            )}
            {marker === 'awaiting' && (
              <span className="size-2.5 shrink-0 rounded-full bg-slate-400" role="img" aria-label={t('markerAwaiting')} title={t('markerAwaiting')} />
            )}
          </span>
        </span>
      </a>
    </li>
  );
});

function ListSkeleton() {
  return (
    <ul aria-hidden className="animate-pulse">
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i} className="flex items-center gap-2.5 border-b border-slate-100 px-3 py-2.5">
          <span className="size-9 rounded-full bg-slate-200" />
          <span className="flex-1 space-y-1.5">
            <span className="block h-3 w-2/5 rounded bg-slate-200" />
            <span className="block h-2.5 w-4/5 rounded bg-slate-100" />
          </span>
        </li>
      ))}
    </ul>
  );
}
