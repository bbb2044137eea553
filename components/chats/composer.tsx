'use client';

import { clsx } from 'clsx';
import { Clock, ExternalLink, LoaderCircle, SendHorizontal, TriangleExclamationPoint, WifiOff } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { MessageTag, TemplateInput } from '../../graphql-client/graphql';
import type { UserError } from '../../lib/ui/gql';
import type { ChatItem } from './inbox-state';
import { TemplateFields, useChatTemplates, useTemplateChoice } from './template-picker';
import { useChatTime } from './time';

export const MAX_LENGTH = 1000;

/** Characters as the server counts them (code points, so an emoji is one). */
export const textLength = (text: string) => [...text].length;

interface ComposerProps {
  chat: ChatItem;
  draft: string;
  onDraft(text: string): void;
  onSend(text: string, tag: MessageTag | null, template?: TemplateInput | null): Promise<UserError | null>;
}

/** F9: Enter sends, Shift+Enter breaks the line, 1000 characters at most; the platform's window rules around it. */
export function Composer({ chat, draft, onDraft, onSend }: ComposerProps) {
  const t = useTranslations('chats.composer');
  const time = useChatTime();
  const [text, setText] = useState(draft);
  const [tag, setTag] = useState<MessageTag | ''>('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const errorId = useId();
  const tagId = useId();
  const { sendability } = chat;
  const block = sendability.block;
  const needsTemplate = block === 'TEMPLATE_REQUIRED';
  const { templates } = useChatTemplates(chat.id, needsTemplate);
  const choice = useTemplateChoice(templates);

  // the draft follows the chat; the parent keeps one per chat
  useEffect(() => {
    setText(draft);
    setError(null);
    setTag('');
    choice.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chat.id]);

  // grow with the text up to ~8 lines
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 180)}px`;
  }, [text]);

  const length = textLength(text);
  const tooLong = length > MAX_LENGTH;
  const needsTag = block === 'TAG_REQUIRED';
  const locked = block !== null && !needsTag;
  const canSend = !locked && !sending && text.trim().length > 0 && !tooLong && (!needsTag || tag !== '');

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    setError(null);
    const failure = await onSend(text, needsTag && tag ? tag : null);
    setSending(false);
    if (failure) {
      setError(failure.message ?? (failure.code === 'NETWORK' ? t('networkError') : t('unknownError')));
      return;
    }
    setText('');
    onDraft('');
    setTag('');
    area.current?.focus();
  };

  const sendTemplate = async () => {
    if (!choice.input || sending) return;
    setSending(true);
    setError(null);
    const failure = await onSend('', null, choice.input);
    setSending(false);
    if (failure) {
      setError(failure.message ?? (failure.code === 'NETWORK' ? t('networkError') : t('unknownError')));
      return;
    }
    choice.reset();
  };

  return (
    <div className="shrink-0 border-t border-slate-200 bg-white px-4 pt-2.5 pb-3">
      {block === 'SYNC_LOST' && (
        <Notice tone="red" icon={<WifiOff className="size-4" aria-hidden />}>
          {t('syncLost')}{' '}
          <Link href="/settings/chats" className="font-medium underline underline-offset-2">
            {t('syncLostLink')}
          </Link>
        </Notice>
      )}
      {block === 'WINDOW_CLOSED' && (
        <Notice tone="amber" icon={<Clock className="size-4" aria-hidden />}>
          {t('windowClosed')}{' '}
          {sendability.externalUrl && (
            <a href={sendability.externalUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-0.5 font-medium underline underline-offset-2">
              {t('windowClosedLink')}
              <ExternalLink className="size-3" aria-hidden />
            </a>
          )}
        </Notice>
      )}
      {needsTemplate && (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-900" data-testid="composer-template">
          <p role="status" data-testid="composer-notice" className="mb-2 flex items-start gap-2">
            <Clock className="mt-px size-4 shrink-0" aria-hidden />
            {t('templateRequired')}
          </p>
          <TemplateFields templates={templates} choice={choice} disabled={sending} />
          {templates && templates.length > 0 && (
            <div className="mt-2 flex items-center justify-end gap-3">
              {error && (
                <p role="alert" className="min-w-0 flex-1 text-red-600" data-testid="composer-error">
                  {error}
                </p>
              )}
              <button
                type="button"
                onClick={() => void sendTemplate()}
                disabled={!choice.input || sending}
                className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:bg-slate-200 disabled:text-slate-500"
                data-testid="template-send"
              >
                {sending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <SendHorizontal className="size-3.5" aria-hidden />}
                {t('sendTemplate')}
              </button>
            </div>
          )}
        </div>
      )}
      {block === 'NO_ACCESS' && <Notice tone="red">{t('noAccess')}</Notice>}
      {needsTag && (
        <div className="mb-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-900" data-testid="tag-picker">
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={tagId} className="font-medium">
              {t('tagLabel')}
            </label>
            <select
              id={tagId}
              value={tag}
              onChange={(e) => setTag(e.target.value as MessageTag | '')}
              className="rounded-md border border-amber-300 bg-white px-2 py-1 text-[12.5px] text-slate-900 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
            >
              <option value="">{t('tagPlaceholder')}</option>
              {sendability.allowedTags.map((allowed) => (
                <option key={allowed} value={allowed}>
                  {t(`tags.${allowed}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="mt-1.5 flex items-start gap-1.5">
            <TriangleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden />
            {t('tagWarning')}
          </p>
        </div>
      )}

      {!needsTemplate && (<>
      <div
        className={clsx(
          'flex items-end gap-2 rounded-lg border bg-white px-2.5 py-1.5 focus-within:ring-2',
          tooLong ? 'border-red-300 focus-within:ring-red-100' : 'border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-100',
          locked && 'bg-slate-50',
        )}
      >
        <textarea
          ref={area}
          data-testid="composer"
          aria-label={t('label')}
          aria-keyshortcuts="r /"
          aria-describedby={`${counterId}${error ? ` ${errorId}` : ''}`}
          aria-invalid={tooLong || undefined}
          rows={1}
          value={text}
          disabled={locked}
          placeholder={locked ? t('lockedPlaceholder') : chat.status === 'ARCHIVED' ? t('placeholderArchived') : t('placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            onDraft(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            } else if (e.key === 'Escape') {
              // leave the composer for the list, where the single-key shortcuts work again
              e.preventDefault();
              const row = document.querySelector<HTMLElement>('[data-testid="chat-row"][aria-current="true"]');
              if (row) row.focus();
              else e.currentTarget.blur();
            }
          }}
          className="max-h-[180px] min-h-[22px] flex-1 resize-none bg-transparent py-1 text-[13.5px] leading-[1.45] text-slate-900 placeholder:text-slate-400 focus:outline-none disabled:cursor-not-allowed"
        />
        <button
          type="button"
          onClick={() => void send()}
          disabled={!canSend}
          aria-label={t('send')}
          title={t('sendHint')}
          className="mb-0.5 grid size-8 shrink-0 place-items-center rounded-md bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:bg-slate-200 disabled:text-slate-400"
        >
          {sending ? <LoaderCircle className="size-4 animate-spin" aria-hidden /> : <SendHorizontal className="size-4" aria-hidden />}
        </button>
      </div>

      <div className="mt-1 flex items-start gap-3 text-[11.5px]">
        <div className="min-w-0 flex-1">
          {error ? (
            <p id={errorId} role="alert" className="text-red-600" data-testid="composer-error">
              {error}
            </p>
          ) : tooLong ? (
            <p className="text-red-600">{t('tooLong', { max: String(MAX_LENGTH) })}</p>
          ) : sendability.windowEndsAt && !block ? (
            <p className="text-slate-500" title={time.full(sendability.windowEndsAt)} suppressHydrationWarning>
              {t('windowEnds', { relative: time.relative(sendability.windowEndsAt) })}
            </p>
          ) : (
            <p className="text-slate-500">{locked ? '' : t('hint')}</p>
          )}
        </div>
        <span id={counterId} data-testid="composer-counter" className={clsx('shrink-0 tabular-nums', tooLong ? 'font-medium text-red-600' : 'text-slate-500')} aria-live={tooLong ? 'polite' : 'off'}>
          {t('counter', { count: String(length), max: String(MAX_LENGTH) })}
        </span>
      </div>
      </>)}
    </div>
  );
}

function Notice({ tone, icon, children }: { tone: 'red' | 'amber'; icon?: ReactNode; children: ReactNode }) {
  return (
    <div
      role="status"
      data-testid="composer-notice"
      className={clsx(
        'mb-2 flex items-start gap-2 rounded-md border px-3 py-2 text-[12.5px]',
        tone === 'red' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900',
      )}
    >
      {icon && <span className="mt-px shrink-0">{icon}</span>}
      <p>{children}</p>
    </div>
  );
}
