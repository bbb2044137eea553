'use client';

import { clsx } from 'clsx';
import { Check, CheckCheck, CircleExclamationPoint, Clock, FileText, MapPin, RotateCw } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { memo, useState } from 'react';
import type { ChannelKind, MessageStatus } from '../../graphql-client/graphql';
import { AudioPlayer } from './audio-player';
import { CommentItemView, ReplyToCommentLabel, type CommentItem } from './comment-item';
import type { MessageItem } from './inbox-state';
import { useChatTime } from './time';
import { VoiceTranscript } from './voice-transcript';

export const MessageBubble = memo(function MessageBubble({
  message,
  grouped,
  showSender = true,
  channelKind,
  onRetry,
  onMediaLoad,
  onReplyToComment,
}: {
  message: MessageItem;
  /** Follows a message of the same side within a few minutes: less space above. */
  grouped: boolean;
  /** The last of a run by the same sender: the name goes under it (screen readers hear it on every one). */
  showSender?: boolean;
  /** Where an echo was written, for "Sent from Meta Business Suite". */
  channelKind: ChannelKind;
  onRetry(messageId: string): Promise<string | null>;
  onMediaLoad(): void;
  /** A comment's reply arrow: the composer then answers that comment. */
  onReplyToComment?(comment: CommentItem): void;
}) {
  const t = useTranslations('chats.message');
  const ts = useTranslations('chatScreens.message');
  const time = useChatTime();
  const outbound = message.direction === 'OUTBOUND';
  const text = message.text?.trim() ? message.text : null;
  const retrying = message.status === 'PENDING' && message.error;
  const onlyMedia = !text && message.attachments.length > 0 && message.attachments.every((a) => a.kind === 'image' || a.kind === 'sticker');
  const firstAudioId = message.attachments.find((a) => a.kind === 'audio')?.id;
  const sentBy = message.sender ? t('sentBy', { name: message.sender.name, time: time.full(message.createdAt) }) : time.full(message.createdAt);

  const meta = (
    <span className={clsx('inline-flex items-center gap-1 text-[10.5px] leading-none tabular-nums select-none', onlyMedia ? 'rounded bg-black/55 px-1 py-0.5 text-white' : outbound ? 'text-slate-600' : 'text-slate-500')}>
      <time dateTime={message.createdAt} title={sentBy} suppressHydrationWarning>
        {time.clock(message.createdAt)}
      </time>
      {outbound && <StatusIcon status={message.status} light={onlyMedia} />}
    </span>
  );

  if (message.comment) return <CommentItemView message={message} comment={message.comment} channelKind={channelKind} onReply={onReplyToComment} />;

  return (
    <div className={clsx('flex', outbound ? 'justify-end' : 'justify-start', grouped ? 'mt-0.5' : 'mt-2.5')}>
      <div className={clsx('flex max-w-[72%] flex-col', outbound ? 'items-end' : 'items-start')}>
        <div
          data-testid="message"
          data-message-id={message.id}
          data-direction={message.direction}
          data-status={message.status}
          className={clsx(
            'relative min-w-0 rounded-xl text-[13.5px] leading-[1.4] text-slate-900',
            onlyMedia ? 'overflow-hidden' : 'px-2.5 py-1.5',
            !onlyMedia && (outbound ? 'border border-brand-100 bg-brand-50' : 'border border-slate-200 bg-white'),
            outbound ? 'rounded-br-sm' : 'rounded-bl-sm',
            message.status === 'FAILED' && 'border-red-200 bg-red-50',
          )}
        >
          {message.replyTo && <ReplyToCommentLabel replyTo={message.replyTo} messageId={message.id} />}
          {message.tag && (
            <span className="mb-1 block text-[11px] font-medium text-slate-500">
              {t('taggedAs', { tag: t(`tag.${message.tag}`) })}
            </span>
          )}
          {message.attachments.length > 0 && (
            <div className={clsx('flex flex-col gap-1', text && 'mb-1')}>
              {message.attachments.map((a) => (
                <div key={a.id} className="min-w-0">
                  <AttachmentView attachment={a} onLoad={onMediaLoad} />
                  {/* the first audio file is what gets transcribed (transcribeMessage) */}
                  {a.id === firstAudioId && <VoiceTranscript messageId={message.id} transcription={message.transcription} />}
                </div>
              ))}
            </div>
          )}
          {text ? (
            <div className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
              {text}
              <span className="float-right mt-1.5 ml-2.5">{meta}</span>
            </div>
          ) : onlyMedia ? (
            <span className="absolute right-1.5 bottom-1.5">{meta}</span>
          ) : (
            <div className="flex justify-end">{meta}</div>
          )}
        </div>
        {outbound && <SentBy message={message} channelKind={channelKind} visible={showSender} label={ts} />}
        {message.status === 'FAILED' && <FailedLine message={message} onRetry={onRetry} />}
        {retrying && (
          <p className="mt-0.5 max-w-full text-[11.5px] text-amber-700" data-testid="message-retrying">
            {message.error}
          </p>
        )}
      </div>
    </div>
  );
});

/** Who wrote one of our messages: the employee, or where it was written outside this app. */
function SentBy({ message, channelKind, visible, label }: { message: MessageItem; channelKind: ChannelKind; visible: boolean; label: ReturnType<typeof useTranslations> }) {
  // sent with an API key (or stored before echoes were marked): no one to name
  if (!message.sender && !message.sentOutside) return null;
  const who = message.sender ? message.sender.name : label(channelKind === 'WHATSAPP' ? 'outsideWhatsApp' : channelKind === 'TELEGRAM' ? 'outside' : 'outsideMeta');
  return (
    <p className={clsx('mt-0.5 max-w-full truncate text-[11px] text-slate-500', !visible && 'sr-only')} data-testid="message-sender">
      {message.sender && <span className="sr-only">{label('sentBy')} </span>}
      {who}
    </p>
  );
}

function FailedLine({ message, onRetry }: { message: MessageItem; onRetry(messageId: string): Promise<string | null> }) {
  const t = useTranslations('chats.message');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mt-0.5 flex max-w-full flex-wrap items-center justify-end gap-x-2 text-[11.5px]" data-testid="message-failed">
      <span className="text-red-600">{message.error ?? t('failed')}</span>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(await onRetry(message.id));
          setBusy(false);
        }}
        className="inline-flex items-center gap-1 rounded px-1 font-medium text-red-700 underline-offset-2 hover:underline disabled:opacity-50"
      >
        <RotateCw className={clsx('size-3', busy && 'animate-spin')} aria-hidden />
        {t('retry')}
      </button>
      {error && (
        <span role="alert" className="basis-full text-right text-red-600">
          {error}
        </span>
      )}
    </div>
  );
}

function StatusIcon({ status, light }: { status: MessageStatus; light?: boolean }) {
  const t = useTranslations('chats.message.status');
  const grey = light ? 'text-white' : 'text-slate-400';
  const common = { role: 'img' as const, strokeWidth: 2.25 };
  switch (status) {
    case 'PENDING':
      return <Clock {...common} aria-label={t('PENDING')} className={clsx('size-3', grey)} />;
    case 'SENT':
      return <Check {...common} aria-label={t('SENT')} className={clsx('size-3.5', grey)} />;
    case 'DELIVERED':
      return <CheckCheck {...common} aria-label={t('DELIVERED')} className={clsx('size-3.5', grey)} />;
    case 'READ':
      return <CheckCheck {...common} aria-label={t('READ')} className={clsx('size-3.5', light ? 'text-sky-300' : 'text-sky-500')} data-testid="ticks-read" />;
    case 'FAILED':
      return <CircleExclamationPoint {...common} aria-label={t('FAILED')} className="size-3.5 text-red-500" />;
    default:
      return null;
  }
}

function formatSize(bytes: number | null | undefined) {
  if (!bytes) return null;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function AttachmentView({ attachment: a, onLoad }: { attachment: MessageItem['attachments'][number]; onLoad(): void }) {
  const t = useTranslations('chats.message');
  switch (a.kind) {
    case 'image':
    case 'sticker':
      return (
        <a href={a.url} target="_blank" rel="noreferrer" className="block">
          <img
            src={a.url}
            alt={a.fileName ?? t(a.kind === 'sticker' ? 'sticker' : 'image')}
            loading="lazy"
            onLoad={onLoad}
            className={clsx('block rounded-md bg-slate-100 object-cover', a.kind === 'sticker' ? 'max-h-28 max-w-28 bg-transparent' : 'max-h-72 max-w-full min-w-24')}
          />
        </a>
      );
    case 'audio':
      return <AudioPlayer src={a.url} label={a.fileName ?? t('audio')} knownDuration={a.durationSeconds} />;
    case 'video':
      return <video controls preload="metadata" src={a.url} onLoadedMetadata={onLoad} className="max-h-72 max-w-full rounded-md bg-black" aria-label={a.fileName ?? t('video')} />;
    case 'location':
      return (
        <a href={a.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 text-brand-700 hover:underline">
          <MapPin className="size-4" aria-hidden />
          {t('location')}
        </a>
      );
    default:
      return (
        <a
          href={a.url}
          target="_blank"
          rel="noreferrer"
          download={a.fileName ?? undefined}
          className="flex items-center gap-2 rounded-md border border-slate-200 bg-white/70 px-2 py-1.5 hover:bg-white"
        >
          <FileText className="size-5 shrink-0 text-slate-400" aria-hidden />
          <span className="min-w-0">
            <span className="block truncate font-medium text-brand-700">{a.fileName ?? t('file')}</span>
            {formatSize(a.size) && <span className="block text-[11px] text-slate-500">{formatSize(a.size)}</span>}
          </span>
        </a>
      );
  }
}
