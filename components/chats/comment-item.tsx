'use client';

import { clsx } from 'clsx';
import { ExternalLink, ImageOff, Lock, MessageSquareText, Reply } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useState } from 'react';
import type { ChannelKind, CommentFieldsFragment } from '../../graphql-client/graphql';
import { IconButton } from '../ui/icon-button';
import { ChannelIcon } from './channel-icon';
import type { MessageItem } from './inbox-state';
import { useChatTime } from './time';

export type CommentItem = CommentFieldsFragment;

const PLATFORM: Record<ChannelKind, string> = { MESSENGER: 'Facebook', INSTAGRAM: 'Instagram', WHATSAPP: 'WhatsApp', TELEGRAM: 'Telegram' };

/**
 * A customer's comment under one of the business's posts, as it reads in the chat: the post it
 * belongs to (with a link to it), the comment itself, and a reply arrow that shows on hover and
 * on focus. When no reply is possible (the comment was removed, a permission is missing) it says why.
 */
export function CommentItemView({
  message,
  comment,
  channelKind,
  onReply,
}: {
  message: MessageItem;
  comment: CommentItem;
  channelKind: ChannelKind;
  onReply?(comment: CommentItem): void;
}) {
  const t = useTranslations('comments');
  const time = useChatTime();
  const removed = !!comment.removedAt;
  const blocked = !comment.canReplyPublicly && !comment.canReplyPrivately;
  const reason = comment.publicReplyBlock ?? comment.privateReplyBlock;
  const previewed = !!(comment.postExcerpt || comment.postThumbnailUrl);

  return (
    <div className="group mt-2.5 flex justify-start">
      <div className="flex max-w-[72%] min-w-0 flex-col items-start max-md:max-w-[88%]">
        <div className="flex w-full min-w-0 items-center gap-1.5">
        <article
          data-testid="comment"
          data-message-id={message.id}
          data-comment-id={comment.id}
          aria-label={t('post')}
          className="w-full min-w-64 flex-1 overflow-hidden rounded-xl rounded-bl-sm border border-slate-200 bg-white text-[13.5px] leading-[1.4] text-slate-900 max-md:min-w-0"
        >
          <header className="border-b border-slate-100 bg-slate-50/80 px-2.5 py-1.5 text-[12px] text-slate-600">
            <p className="flex min-w-0 items-center gap-1 font-medium text-slate-700">
              <ChannelIcon kind={channelKind} className="size-3" />
              <span className="truncate">{t('postOn', { platform: PLATFORM[channelKind] })}</span>
            </p>
            <p className="flex min-w-0 items-center justify-between gap-2 text-[11.5px] text-slate-500">
              <span className="flex min-w-0 items-center gap-1">
                <MessageSquareText className="size-3 shrink-0 text-slate-400" aria-hidden />
                <span className="truncate">{comment.parent ? t('replyToComment', { name: comment.parent.author ?? t('someone') }) : t('post')}</span>
              </span>
              {!previewed && comment.postUrl && <PostLink href={comment.postUrl} label={t('viewPost')} />}
            </p>
            {previewed && <PostPreview comment={comment} pictureLabel={t('postPicture')} linkLabel={t('viewPost')} />}
          </header>
          {comment.parent && (
            <p className="mx-2.5 mt-1.5 truncate border-l-2 border-slate-200 pl-2 text-[12px] text-slate-500" data-testid="comment-parent">
              {comment.parent.text}
            </p>
          )}
          <div className="px-2.5 pt-1.5 pb-1.5">
            {comment.author && <p className="text-[12px] font-semibold text-slate-700">{comment.author}</p>}
            <p className={clsx('break-words whitespace-pre-wrap [overflow-wrap:anywhere]', removed && 'text-slate-400 line-through')} data-testid="comment-text">
              {comment.text}
            </p>
            <p className="mt-0.5 flex items-center justify-end gap-1.5 text-[10.5px] text-slate-500 tabular-nums">
              {removed && <span data-testid="comment-removed">{t('removed')}</span>}
              {comment.editedAt && !removed && <span>{t('edited')}</span>}
              <time dateTime={message.createdAt} title={time.full(message.createdAt)} suppressHydrationWarning>
                {time.clock(message.createdAt)}
              </time>
            </p>
          </div>
        </article>
        {onReply && !blocked && (
          <IconButton
            label={t('reply')}
            onClick={() => onReply(comment)}
            data-testid="comment-reply"
            className="size-8 rounded-full border border-slate-200 bg-white text-slate-600 opacity-0 shadow-sm transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 hover:text-brand-700 focus-visible:opacity-100 max-md:opacity-100"
          >
            <Reply className="size-4" aria-hidden />
          </IconButton>
        )}
        </div>
        {blocked && reason && !removed && (
          <p role="note" className="mt-0.5 max-w-full text-[11.5px] text-amber-700" data-testid="comment-blocked">
            {t('cannotReply', { reason })}
          </p>
        )}
      </div>
    </div>
  );
}

function PostLink({ href, label }: { href: string; label: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      data-testid="comment-post-link"
      className="inline-flex shrink-0 items-center gap-1 rounded font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
    >
      {label}
      <ExternalLink className="size-3" aria-hidden />
    </a>
  );
}

/**
 * The post a comment is under, once the platform told us: its picture (48 px, our copy), the start
 * of its text (two lines) and the link; a grey placeholder when the picture does not load.
 */
function PostPreview({ comment, pictureLabel, linkLabel }: { comment: CommentItem; pictureLabel: string; linkLabel: string }) {
  const [broken, setBroken] = useState<string | null>(null);
  const picture = comment.postThumbnailUrl;
  return (
    <div className="mt-1 mb-0.5 flex min-w-0 items-start gap-2" data-testid="comment-post-preview">
      {picture &&
        (broken === picture ? (
          <span className="flex size-12 shrink-0 items-center justify-center rounded-md bg-slate-200 text-slate-400" role="img" aria-label={pictureLabel}>
            <ImageOff className="size-4" aria-hidden />
          </span>
        ) : (
          <img
            src={picture}
            alt={pictureLabel}
            width={48}
            height={48}
            loading="lazy"
            onError={() => setBroken(picture)}
            data-testid="comment-post-thumbnail"
            className="size-12 shrink-0 rounded-md bg-slate-200 object-cover"
          />
        ))}
      <div className="min-w-0 flex-1">
        {comment.postExcerpt && (
          <p className="line-clamp-2 text-[12px] leading-snug text-slate-700 [overflow-wrap:anywhere]" data-testid="comment-post-excerpt" title={comment.postExcerpt}>
            {comment.postExcerpt}
          </p>
        )}
        {comment.postUrl && (
          <p className="text-[11.5px]">
            <PostLink href={comment.postUrl} label={linkLabel} />
          </p>
        )}
      </div>
    </div>
  );
}

/** Over one of our replies to a comment: public (under the comment) or private (in the inbox), and to whom. */
export function ReplyToCommentLabel({ replyTo, messageId }: { replyTo: NonNullable<MessageItem['replyTo']>; messageId: string }) {
  const t = useTranslations('comments');
  const priv = replyTo.privateReply?.id === messageId;
  const name = replyTo.author ?? t('someone');
  return (
    <span className="mb-0.5 flex items-center gap-1 text-[11px] font-medium text-slate-500" data-testid="comment-reply-label" data-private={priv}>
      {priv ? <Lock className="size-3" aria-hidden /> : <Reply className="size-3" aria-hidden />}
      {priv ? t('privateReplyTo', { name }) : t('publicReplyTo', { name })}
    </span>
  );
}
