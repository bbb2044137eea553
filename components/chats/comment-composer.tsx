'use client';

import { clsx } from 'clsx';
import { Lock, Reply, SendHorizontal, X } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { MAX_TEXT_LENGTH, textLength } from '../../lib/text-limits';
import type { UserError } from '../../lib/ui/gql';
import { IconButton } from '../ui/icon-button';
import type { CommentItem } from './comment-item';

interface CommentComposerProps {
  comment: CommentItem;
  onSend(commentId: string, text: string, privately: boolean): Promise<UserError | null>;
  /** Back to the chat's own composer (the ✕, or Esc). */
  onCancel(): void;
}

/**
 * Answers one comment: "Reply publicly" (under the comment, for everyone who sees the post) or
 * "Reply privately" (once, in the commenter's inbox, within 7 days; offered only while possible).
 * Enter sends, Shift+Enter breaks the line, Esc cancels.
 */
export function CommentComposer({ comment, onSend, onCancel }: CommentComposerProps) {
  const t = useTranslations('comments.composer');
  const tc = useTranslations('comments');
  const [text, setText] = useState('');
  const [privately, setPrivately] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();
  const hintId = useId();
  const name = comment.author ?? tc('someone');
  const length = textLength(text);
  const tooLong = length > MAX_TEXT_LENGTH;
  const canSend = !sending && text.trim().length > 0 && !tooLong;

  useEffect(() => area.current?.focus(), [comment.id]);

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    setError(null);
    const failure = await onSend(comment.id, text, privately);
    setSending(false);
    if (failure) {
      setError(failure.message ?? (failure.code === 'NETWORK' ? t('networkError') : t('unknownError')));
      return;
    }
    onCancel();
  };

  const modes = [
    { private: false, label: t('public'), icon: Reply, disabled: !comment.canReplyPublicly, why: comment.publicReplyBlock },
    { private: true, label: t('private'), icon: Lock, disabled: !comment.canReplyPrivately, why: comment.privateReplyBlock },
  ];

  return (
    <form
      aria-label={t('label')}
      data-testid="comment-composer"
      className="shrink-0 border-t border-slate-200 bg-white px-3 pt-2 pb-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="mb-1.5 flex items-center gap-2">
        <p className="min-w-0 flex-1 truncate text-[12px] text-slate-600">
          <span className="font-medium text-slate-800">{t('replyingTo', { name })}</span>
          <span className="text-slate-400"> · </span>
          <span className="text-slate-500">{comment.text}</span>
        </p>
        <IconButton label={t('cancel')} onClick={onCancel} data-testid="comment-composer-cancel" className="p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
          <X className="size-4" aria-hidden />
        </IconButton>
      </div>
      <div role="radiogroup" aria-label={t('label')} className="mb-1.5 flex flex-wrap gap-1">
        {modes.map((mode) => (
          <button
            key={String(mode.private)}
            type="button"
            role="radio"
            aria-checked={privately === mode.private}
            disabled={mode.disabled}
            title={mode.why ?? undefined}
            data-testid={mode.private ? 'reply-privately' : 'reply-publicly'}
            onClick={() => {
              setPrivately(mode.private);
              area.current?.focus();
            }}
            className={clsx(
              'inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-[12px] font-medium focus-visible:outline-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50',
              privately === mode.private ? 'border-brand-600 bg-brand-50 text-brand-800' : 'border-slate-300 text-slate-600 hover:bg-slate-50',
            )}
          >
            <mode.icon className="size-3" aria-hidden />
            {mode.label}
          </button>
        ))}
      </div>
      <p id={hintId} className="mb-1.5 text-[11.5px] text-slate-500" data-testid="comment-composer-hint">
        {privately ? t('privateHint', { name }) : t('publicHint')}
        {!comment.canReplyPrivately && comment.privateReplyBlock && !privately && <span className="block text-amber-700">{comment.privateReplyBlock}</span>}
      </p>
      <div className="flex items-end gap-2">
        <textarea
          ref={area}
          value={text}
          rows={1}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
          placeholder={privately ? t('placeholderPrivate') : t('placeholderPublic')}
          aria-label={privately ? t('private') : t('public')}
          aria-describedby={clsx(hintId, error && errorId)}
          aria-invalid={tooLong || undefined}
          data-testid="comment-composer-input"
          className="min-h-9 flex-1 resize-none rounded-lg border border-slate-300 px-2.5 py-1.5 text-[13.5px] leading-[1.4] focus:border-brand-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-200"
        />
        <IconButton
          label={t('send')}
          type="submit"
          disabled={!canSend}
          data-testid="comment-composer-send"
          className="size-9 rounded-lg bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-offset-2 disabled:opacity-40"
        >
          <SendHorizontal className="size-4" aria-hidden />
        </IconButton>
      </div>
      {tooLong && <p className="mt-1 text-[11.5px] text-red-600">{t('tooLong', { count: length, max: MAX_TEXT_LENGTH })}</p>}
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-[12px] text-red-600" data-testid="comment-composer-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** In place of the chat's composer while the person has only commented: their comments are answered with the reply arrow. */
export function CommentsOnlyNotice() {
  const t = useTranslations('comments.composer');
  return (
    <p className="shrink-0 border-t border-slate-200 bg-white px-4 py-3 text-[12.5px] text-slate-600" data-testid="comments-only">
      <Reply className="mr-1.5 inline size-3.5 align-[-2px] text-slate-400" aria-hidden />
      {t('commentsOnly')}
    </p>
  );
}
