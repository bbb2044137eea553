'use client';

import { clsx } from 'clsx';
import { ArchiveRestore, ArrowDown, AtSign, ChevronLeft, PanelRight, Phone } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MessageTag, TemplateInput } from '../../graphql-client/graphql';
import type { UserError } from '../../lib/ui/gql';
import { Avatar } from './avatar';
import { ChannelIcon } from './channel-icon';
import { CommentComposer, CommentsOnlyNotice } from './comment-composer';
import type { CommentItem } from './comment-item';
import { Composer } from './composer';
import type { ChatItem, MessageItem, Thread } from './inbox-state';
import { IconButton } from '../ui/icon-button';
import { PhoneNumber } from '../ui/phone-number';
import { RetryAlert } from '../ui/retry-alert';
import { Skeleton } from '../ui/skeleton';
import { chatPhone } from './chat-phone';
import { MessageBubble } from './message-bubble';
import { useChatTime } from './time';
import { Archive, LoaderCircle, MessagesSquare, RotateCw, SearchX } from '../ui/icons';

const GROUP_MS = 5 * 60 * 1000;
const NEAR_BOTTOM = 120;

interface ConversationProps {
  chat: ChatItem;
  thread: Thread | undefined;
  threadState: 'loading' | 'error' | 'missing' | undefined;
  draft: string;
  onDraft(text: string): void;
  onLoadOlder(): void;
  onReload(): void;
  onSend(text: string, tag: MessageTag | null, template?: TemplateInput | null): Promise<UserError | null>;
  onRetryMessage(messageId: string): Promise<string | null>;
  /** Answers a comment under a post, publicly or privately; resolves to an error or null. */
  onReplyToComment?(commentId: string, text: string, privately: boolean): Promise<UserError | null>;
  /** Archives (true) or reopens (false); resolves to an error sentence, '' for an unknown error, null when done. */
  onArchive(chatId: string, archived: boolean): Promise<string | null>;
  /** Phones only (the list is hidden there): back to the chat list. */
  onBack?(): void;
  /** Below 1280 px (no client column): opens the client details. */
  onShowDetails?(): void;
}

export function Conversation(props: ConversationProps) {
  const { chat, thread } = props;
  const t = useTranslations('chats.conversation');
  const phone = chatPhone(chat);
  // the comment the composer answers instead of writing to the chat (its reply arrow; Esc cancels)
  const [replyTarget, setReplyTarget] = useState<CommentItem | null>(null);

  return (
    <section aria-label={t('label', { title: chat.title })} className="flex min-w-0 flex-1 flex-col bg-slate-50">
      <header className="flex h-12 shrink-0 items-center gap-2.5 border-b border-slate-200 bg-white px-4 max-md:h-14 max-md:gap-1.5 max-md:px-1">
        {props.onBack && <BackButton onBack={props.onBack} />}
        <Avatar name={chat.client?.name ?? chat.contact.displayName} url={chat.contact.avatarUrl} seed={chat.id} size={30} />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-[14px] leading-tight font-semibold text-slate-900" data-testid="conversation-title">
            {chat.title}
          </h1>
          <p className="flex items-center gap-1.5 truncate text-[12px] leading-tight text-slate-500" data-testid="conversation-subtitle">
            {(phone || chat.contact.username) && (
              <>
                {phone ? <Phone className="size-3 shrink-0" aria-label={t('phone')} /> : <AtSign className="size-3 shrink-0" aria-label={t('username')} />}
                <span data-testid="conversation-handle">{phone ? <PhoneNumber value={phone} /> : chat.contact.username}</span>
                <span className="text-slate-400" aria-hidden>
                  ·
                </span>
              </>
            )}
            <ChannelIcon kind={chat.channel.kind} className="size-3" />
            <span className="truncate" title={t('channelHint')} data-testid="conversation-channel">
              <span className="sr-only">{t('channelHint')}: </span>
              {chat.channel.name}
            </span>
          </p>
        </div>
        <ArchiveButton chat={chat} onArchive={props.onArchive} />
        {props.onShowDetails && <DetailsButton onShow={props.onShowDetails} />}
      </header>
      {chat.status === 'ARCHIVED' && <ArchivedNotice chat={chat} />}
      <MessagePane {...props} onStartReply={props.onReplyToComment ? setReplyTarget : undefined} />
      {replyTarget && props.onReplyToComment ? (
        <CommentComposer comment={replyTarget} onSend={props.onReplyToComment} onCancel={() => setReplyTarget(null)} />
      ) : chat.hasComments && !chat.hasDirectMessages ? (
        <CommentsOnlyNotice />
      ) : (
        <Composer chat={chat} draft={props.draft} onDraft={props.onDraft} onSend={props.onSend} />
      )}
    </section>
  );
}

function BackButton({ onBack }: { onBack(): void }) {
  const t = useTranslations('chatScreens.conversation');
  return (
    <IconButton label={t('back')} onClick={onBack} data-testid="conversation-back" className="-mr-1 size-11 text-slate-600 hover:bg-slate-100 hover:text-slate-900 md:hidden">
      <ChevronLeft className="size-5" aria-hidden />
    </IconButton>
  );
}

function DetailsButton({ onShow }: { onShow(): void }) {
  const t = useTranslations('anywhere.details');
  return (
    <IconButton
      label={t('open')}
      onClick={onShow}
      data-testid="show-details"
      className="size-8 border border-slate-300 bg-white text-slate-600 hover:bg-slate-50 hover:text-slate-900 max-md:size-11 max-md:border-0 xl:hidden"
    >
      <PanelRight className="size-4" aria-hidden />
    </IconButton>
  );
}

/** F19: top right of the header; "e" presses it from the keyboard. */
function ArchiveButton({ chat, onArchive }: { chat: ChatItem; onArchive: ConversationProps['onArchive'] }) {
  const t = useTranslations('chats.conversation');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archived = chat.status === 'ARCHIVED';

  useEffect(() => setError(null), [chat.id, chat.status]);

  const act = async () => {
    setBusy(true);
    setError(null);
    const failure = await onArchive(chat.id, !archived);
    setBusy(false);
    if (failure !== null) setError(failure || (archived ? t('reopenError') : t('archiveError')));
  };

  return (
    <div className="flex items-center gap-2">
      {error && (
        <p role="alert" className="max-w-64 truncate text-[12px] text-red-600" title={error}>
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={() => void act()}
        disabled={busy}
        data-testid={archived ? 'reopen-chat' : 'archive-chat'}
        aria-keyshortcuts={archived ? undefined : 'e'}
        title={archived ? t('reopenHint') : t('archiveHint')}
        className="flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-[12.5px] font-medium text-slate-700 hover:bg-slate-50 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 max-md:min-h-11 max-md:min-w-11 max-md:justify-center max-md:border-0"
      >
        {busy ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : archived ? <ArchiveRestore className="size-3.5" aria-hidden /> : <Archive className="size-3.5" aria-hidden />}
        <span className="max-sm:sr-only">{archived ? t('reopen') : t('archive')}</span>
      </button>
    </div>
  );
}

function ArchivedNotice({ chat }: { chat: ChatItem }) {
  const t = useTranslations('chats.conversation');
  const time = useChatTime();
  const when = chat.archivedAt ? time.full(chat.archivedAt) : null;
  return (
    <div role="status" className="flex shrink-0 items-center gap-2 border-b border-slate-200 bg-slate-100 px-4 py-1.5 text-[12.5px] text-slate-700" data-testid="archived-notice">
      <Archive className="size-3.5 shrink-0 text-slate-500" aria-hidden />
      <p className="min-w-0 flex-1">
        <span suppressHydrationWarning>
          {chat.archivedBy && when
            ? t('archivedBy', { name: chat.archivedBy.name, time: when })
            : when
              ? t('archivedAt', { time: when })
              : t('archivedPlain')}
        </span>{' '}
        <span className="text-slate-600">{t('archivedHint')}</span>
      </p>
    </div>
  );
}

function MessagePane({ chat, thread, threadState, onLoadOlder, onReload, onRetryMessage, onStartReply }: ConversationProps & { onStartReply?(comment: CommentItem): void }) {
  const t = useTranslations('chats.conversation');
  const time = useChatTime();
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const restore = useRef<{ height: number; top: number } | null>(null);
  const shown = useRef<{ chatId: string; first: string | null; last: string | null; count: number } | null>(null);
  const [unseen, setUnseen] = useState(0);
  const messages = thread?.messages;

  const toBottom = useCallback((smooth = false) => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    nearBottom.current = true;
    setUnseen(0);
  }, []);

  // keep the view where it belongs as messages come and go
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !messages) return;
    const first = messages[0]?.id ?? null;
    const last = messages[messages.length - 1]?.id ?? null;
    const before = shown.current;
    shown.current = { chatId: chat.id, first, last, count: messages.length };
    if (!before || before.chatId !== chat.id) {
      // a chat just opened: start at the newest message
      el.scrollTop = el.scrollHeight;
      nearBottom.current = true;
      setUnseen(0);
      return;
    }
    if (restore.current && first !== before.first) {
      // older messages went in above: keep what the operator was reading in place
      el.scrollTop = restore.current.top + (el.scrollHeight - restore.current.height);
      restore.current = null;
    }
    if (last !== before.last && messages.length > before.count) {
      const newest = messages[messages.length - 1];
      if (nearBottom.current || newest.direction === 'OUTBOUND') {
        el.scrollTop = el.scrollHeight;
        nearBottom.current = true;
      } else {
        setUnseen((n) => n + 1);
      }
    } else if (nearBottom.current) {
      // a status line or an error appeared under the newest message
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, chat.id]);

  useEffect(() => setUnseen(0), [chat.id]);

  const loadOlder = useCallback(() => {
    const el = scroller.current;
    if (!el || !thread?.hasPrevious || thread.loadingOlder) return;
    restore.current = { height: el.scrollHeight, top: el.scrollTop };
    onLoadOlder();
  }, [thread?.hasPrevious, thread?.loadingOlder, onLoadOlder]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (nearBottom.current && unseen) setUnseen(0);
    if (el.scrollTop < 150 && thread && !thread.olderFailed) loadOlder();
  };

  const onMediaLoad = useCallback(() => {
    if (nearBottom.current && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, []);

  if (!thread) {
    return (
      <div className="flex min-h-0 flex-1 items-center justify-center">
        {threadState === 'error' ? <RetryAlert message={t('loadError')} retryLabel={t('retry')} onRetry={onReload} className="text-slate-500" /> : <ThreadSkeleton />}
      </div>
    );
  }

  const lastRead = lastReadIndex(thread.messages);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto px-5 pt-2 pb-3" data-testid="message-list" aria-live="polite" aria-relevant="additions">
        {/* like every messenger: a short thread sits on the composer, the space above it stays empty */}
        <div className="flex min-h-full flex-col justify-end" data-testid="message-stack">
        {thread.hasPrevious ? (
          <div className="flex justify-center py-2">
            {thread.loadingOlder ? (
              <LoaderCircle className="size-4 animate-spin text-slate-400" aria-label={t('loadingOlder')} />
            ) : (
              <button type="button" onClick={loadOlder} className="flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-[12px] text-slate-500 hover:bg-slate-200/60 hover:text-slate-800">
                {thread.olderFailed && <RotateCw className="size-3" aria-hidden />}
                {thread.olderFailed ? t('olderFailed') : t('loadOlder')}
              </button>
            )}
          </div>
        ) : thread.messages.length > 0 ? (
          <p className="py-3 text-center text-[11.5px] text-slate-500">{t('historyStart')}</p>
        ) : null}
        {thread.messages.length === 0 && (
          <div className="flex flex-1 flex-col items-center justify-center gap-2 text-slate-500">
            <MessagesSquare className="size-6" aria-hidden />
            <p>{t('noMessages')}</p>
          </div>
        )}
        {thread.messages.map((m, i) => {
          const prev = thread.messages[i - 1];
          const newDay = !prev || time.dayKey(prev.createdAt) !== time.dayKey(m.createdAt);
          const grouped = !newDay && !!prev && prev.direction === m.direction && new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() < GROUP_MS;
          const next = thread.messages[i + 1];
          // the sender's name once, under the last message of their run
          const showSender =
            !next ||
            next.direction !== m.direction ||
            next.sender?.id !== m.sender?.id ||
            next.sentOutside !== m.sentOutside ||
            time.dayKey(next.createdAt) !== time.dayKey(m.createdAt) ||
            new Date(next.createdAt).getTime() - new Date(m.createdAt).getTime() >= GROUP_MS;
          return (
            <Fragment key={m.id}>
              {newDay && (
                <div className="flex justify-center py-2" role="separator" aria-label={time.dayLabel(m.createdAt)}>
                  <span className="rounded-full border border-slate-200 bg-white/95 px-2.5 py-0.5 text-[11.5px] font-medium text-slate-500 shadow-xs" suppressHydrationWarning>
                    {time.dayLabel(m.createdAt)}
                  </span>
                </div>
              )}
              <MessageBubble message={m} grouped={grouped} showSender={showSender} channelKind={chat.channel.kind} onRetry={onRetryMessage} onMediaLoad={onMediaLoad} onReplyToComment={onStartReply} />
              {i === lastRead && m.readAt && (
                <p className="mt-0.5 text-right text-[11px] text-slate-600" data-testid="read-at" suppressHydrationWarning>
                  {t('readAt', { time: time.moment(m.readAt) })}
                </p>
              )}
            </Fragment>
          );
        })}
        </div>
      </div>
      {unseen > 0 && (
        <button
          type="button"
          onClick={() => toBottom(true)}
          className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1.5 rounded-full bg-slate-800 px-3 py-1 text-[12px] font-medium text-white shadow-md hover:bg-slate-900"
        >
          <ArrowDown className="size-3.5" aria-hidden />
          {t('newMessages', { count: unseen })}
        </button>
      )}
    </div>
  );
}

/** The newest of our messages the customer has read (F12 shows "Read at" under it). */
function lastReadIndex(messages: MessageItem[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.direction === 'OUTBOUND' && m.status === 'READ') return i;
  }
  return -1;
}

function ThreadSkeleton() {
  return (
    <Skeleton
      className="flex w-full max-w-xl flex-col gap-3 px-8"
      bars={['h-8 w-1/2 self-start rounded-xl bg-slate-200', 'h-12 w-2/3 self-start rounded-xl bg-slate-200', 'h-8 w-1/2 self-end rounded-xl bg-brand-100', 'h-8 w-1/3 self-start rounded-xl bg-slate-200']}
    />
  );
}
