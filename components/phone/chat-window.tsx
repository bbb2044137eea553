'use client';

import { ChevronUp, Maximize2, Minus, X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { MessageTag, TemplateInput } from '../../graphql-client/graphql';
import { doc, useClient, type UserError } from '../../lib/ui/gql';
import { ChannelIcon } from '../chats/channel-icon';
import { retryInChat, sendToChat, setChatArchived } from '../chats/chat-actions';
import { THREAD_PAGE } from '../chats/constants';
import { Conversation } from '../chats/conversation';
import { ChatThreadQuery, MarkChatReadMutation, threadOf } from '../chats/fragments';
import { inboxReducer } from '../chats/inbox-reducer';
import { initialInboxState, type MessageItem } from '../chats/inbox-state';
import { useInboxEvents, useResync } from '../providers/live-provider';
import { IconButton } from '../ui/icon-button';

/**
 * The floating chat window: the live conversation with the inbox's own composer (same windows,
 * tags, templates and ticks), at the bottom of any CRM page. Escape minimises it and gives focus
 * back to where it came from.
 */
export function ChatWindow({ chatId, minimised, onMinimise, onClose }: { chatId: string; minimised: boolean; onMinimise(minimised: boolean): void; onClose(): void }) {
  const t = useTranslations('anywhere.window');
  const client = useClient();
  const [state, dispatch] = useReducer(inboxReducer, { status: 'OPEN', page: null, thread: null, missingChatId: null }, initialInboxState);
  const [draft, setDraft] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const eventCount = useRef(0);
  const lastEventFor = useRef(new Map<string, number>());
  const marking = useRef(false);
  const chat = state.chats[chatId];
  const thread = state.threads[chatId];
  const loaded = thread !== undefined;
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  const load = useCallback(
    async (before: string | null) => {
      if (before) dispatch({ type: 'olderLoading', chatId });
      else if (!loadedRef.current) dispatch({ type: 'threadLoading', chatId });
      const result = await client.query(doc(ChatThreadQuery), { id: chatId, last: THREAD_PAGE, before }, { requestPolicy: 'network-only' }).toPromise();
      const found = result.data?.chat;
      if (!found) {
        dispatch(before ? { type: 'olderFailed', chatId } : { type: 'threadFailed', chatId, missing: !result.error });
        return;
      }
      const page = threadOf(found);
      if (before) dispatch({ type: 'olderLoaded', chatId, messages: page.messages, startCursor: page.startCursor, hasPrevious: page.hasPrevious });
      else dispatch({ type: 'threadLoaded', ...page });
    },
    [client, chatId],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // read while it is on screen, as in the inbox
  useEffect(() => {
    if (!chat?.unread || minimised || marking.current || document.visibilityState !== 'visible') return;
    marking.current = true;
    void client
      .mutation(doc(MarkChatReadMutation), { chatId })
      .toPromise()
      .then((result) => {
        marking.current = false;
        if (result.data?.markChatRead) dispatch({ type: 'chatUpserted', chat: result.data.markChatRead });
      });
  }, [chat?.unread, minimised, client, chatId]);

  useInboxEvents((event) => {
    if (event.__typename === 'ChatUpdated') {
      if (event.chat.id === chatId) dispatch({ type: 'chatUpserted', chat: event.chat });
      return;
    }
    if (event.message.chat.id !== chatId) return;
    lastEventFor.current.set(event.message.id, ++eventCount.current);
    dispatch({ type: 'messageUpserted', chatId, message: event.message, onlyIfShown: event.__typename === 'MessageUpdated' });
  });
  useResync(() => void load(null));

  const applyAnswer = (message: MessageItem, since: number) => {
    if ((lastEventFor.current.get(message.id) ?? 0) > since) return;
    dispatch({ type: 'messageUpserted', chatId, message });
  };
  const send = async (text: string, tag: MessageTag | null, template?: TemplateInput | null, files?: File[]): Promise<UserError | null> => {
    const since = eventCount.current;
    const answer = await sendToChat(client, chatId, { text, tag, template, files });
    if ('error' in answer) return answer.error;
    applyAnswer(answer.message, since);
    return null;
  };
  const retry = async (messageId: string) => {
    const since = eventCount.current;
    const answer = await retryInChat(client, messageId);
    if ('error' in answer) return answer.error;
    applyAnswer(answer.message, since);
    return null;
  };
  const archive = async (id: string, archived: boolean) => {
    const answer = await setChatArchived(client, id, archived);
    if ('error' in answer) return answer.error;
    dispatch({ type: 'chatUpserted', chat: answer.chat });
    return null;
  };

  // opened or brought back: straight into the composer
  useEffect(() => {
    if (minimised || !loaded) return;
    const composer = root.current?.querySelector<HTMLTextAreaElement>('[data-testid="composer"]');
    if (composer && !composer.disabled) composer.focus();
    else root.current?.focus();
  }, [minimised, loaded]);

  const title = chat?.title ?? t('loading');
  const expandHref = `/chats/${encodeURIComponent(chatId)}`;

  if (minimised) {
    return (
      <div className="fixed right-4 bottom-0 z-40 flex w-72 items-center gap-2 rounded-t-lg border border-b-0 border-slate-300 bg-white px-3 py-1.5 shadow-lg max-md:right-2 max-md:left-2 max-md:w-auto" data-testid="chat-window-minimised">
        <button type="button" onClick={() => onMinimise(false)} className="flex min-h-9 min-w-0 flex-1 items-center gap-2 text-left focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11" aria-label={t('restore', { title })}>
          {chat && <ChannelIcon kind={chat.channel.kind} />}
          <span className="truncate text-[13px] font-medium text-slate-900">{title}</span>
          {chat?.unread && <span className="size-2 shrink-0 rounded-full bg-brand-500" role="img" aria-label={t('unread')} />}
          <ChevronUp className="ml-auto size-4 shrink-0 text-slate-500" aria-hidden />
        </button>
        <CloseButton onClose={onClose} />
      </div>
    );
  }

  return (
    <div
      ref={root}
      role="dialog"
      aria-modal="false"
      aria-label={t('label', { title })}
      tabIndex={-1}
      data-testid="chat-window"
      onKeyDown={(e) => {
        // the composer marks Escape as used (in the inbox it goes back to the list); a listbox above does too
        const fromComposer = e.target instanceof HTMLElement && e.target.dataset.testid === 'composer';
        if (e.key === 'Escape' && (!e.defaultPrevented || fromComposer)) {
          e.preventDefault();
          onMinimise(true);
        }
      }}
      className="fixed right-4 bottom-0 z-40 flex h-[min(560px,85dvh)] w-[400px] flex-col overflow-hidden rounded-t-xl border border-b-0 border-slate-300 bg-white shadow-2xl focus:outline-none max-md:inset-x-0 max-md:right-0 max-md:h-[85dvh] max-md:w-full"
    >
      <div className="flex h-9 shrink-0 items-center gap-1 border-b border-slate-200 bg-slate-800 px-2 text-white max-md:h-11">
        <span className="min-w-0 flex-1 truncate px-1 text-[12px] font-medium text-slate-200">{t('title')}</span>
        <IconButton label={t('minimise')} onClick={() => onMinimise(true)} className={barButton} data-testid="chat-window-minimise">
          <Minus className="size-4" aria-hidden />
        </IconButton>
        <Link href={expandHref} aria-label={t('expand')} title={t('expand')} className={barButton} data-testid="chat-window-expand">
          <Maximize2 className="size-3.5" aria-hidden />
        </Link>
        <CloseButton onClose={onClose} dark />
      </div>
      {chat ? (
        <Conversation
          chat={chat}
          thread={thread}
          threadState={state.threadState[chatId]}
          draft={draft}
          onDraft={setDraft}
          onLoadOlder={() => thread?.startCursor && void load(thread.startCursor)}
          onReload={() => void load(null)}
          onSend={send}
          onRetryMessage={retry}
          onArchive={archive}
        />
      ) : (
        <div className="flex flex-1 items-center justify-center bg-slate-50 p-6 text-center text-[13px] text-slate-500" role={state.threadState[chatId] ? 'alert' : 'status'}>
          {state.threadState[chatId] === 'missing' ? t('missing') : state.threadState[chatId] === 'error' ? t('error') : t('loading')}
        </div>
      )}
    </div>
  );
}

const barButton = 'grid size-7 place-items-center rounded text-slate-200 hover:bg-slate-700 hover:text-white focus-visible:outline-2 focus-visible:outline-white max-md:size-11';

function CloseButton({ onClose, dark = false }: { onClose(): void; dark?: boolean }) {
  const t = useTranslations('anywhere.window');
  return (
    <IconButton label={t('close')} onClick={onClose} data-testid="chat-window-close" className={dark ? barButton : 'size-7 text-slate-500 hover:bg-slate-100 hover:text-slate-800 max-md:size-11'}>
      <X className="size-4" aria-hidden />
    </IconButton>
  );
}
