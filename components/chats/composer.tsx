'use client';

import { clsx } from 'clsx';
import { Clock, ExternalLink, FileText, Paperclip, SendHorizontal, TriangleExclamationPoint, X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { MessageTag, TemplateInput } from '../../graphql-client/graphql';
import { ACCEPT_ATTRIBUTE, fileMimeType, formatFileSize, isAcceptedMediaType, MAX_ATTACHMENTS, MEDIA_MAX_BYTES } from '../../lib/media-limits';
import { MAX_TEXT_LENGTH, textLength } from '../../lib/text-limits';
import type { UserError } from '../../lib/ui/gql';
import { Labeled } from '../ui/labeled';
import { Select } from '../ui/select';
import type { ChatItem } from './inbox-state';
import { TemplateFields, useChatTemplates, useTemplateChoice } from './template-picker';
import { useChatTime } from './time';
import { useCan } from '../providers/viewer-provider';
import { LoaderCircle, WifiOff } from '../ui/icons';

interface ComposerProps {
  chat: ChatItem;
  draft: string;
  onDraft(text: string): void;
  onSend(text: string, tag: MessageTag | null, template?: TemplateInput | null, files?: File[]): Promise<UserError | null>;
}

/** F9: Enter sends, Shift+Enter breaks the line, at most MAX_TEXT_LENGTH characters (lib/text-limits.ts, as the server counts); the platform's window rules around it. */
export function Composer({ chat, draft, onDraft, onSend }: ComposerProps) {
  const t = useTranslations('chats.composer');
  const ts = useTranslations('chatScreens.composer');
  const canSettings = useCan('SETTINGS');
  const time = useChatTime();
  const [text, setText] = useState(draft);
  const [tag, setTag] = useState<MessageTag | ''>('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const tagPicker = useRef<HTMLButtonElement>(null);
  const filesId = useId();
  const counterId = useId();
  const errorId = useId();
  const { sendability } = chat;
  const block = sendability.block;
  const needsTemplate = block === 'TEMPLATE_REQUIRED';
  const { templates } = useChatTemplates(chat.id, needsTemplate);
  const choice = useTemplateChoice(templates);

  // the draft follows the chat (the parent keeps one per chat): reset while rendering the new chat
  const [shownChatId, setShownChatId] = useState(chat.id);
  if (shownChatId !== chat.id) {
    setShownChatId(chat.id);
    setText(draft);
    setError(null);
    setTag('');
    setFiles([]);
    choice.reset();
  }

  // grow with the text up to ~8 lines
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 180)}px`;
  }, [text]);

  const length = textLength(text);
  const tooLong = length > MAX_TEXT_LENGTH;
  const needsTag = block === 'TAG_REQUIRED';
  const locked = block !== null && !needsTag;
  // without a tag the button stays live: pressing it (or Enter) says why and leads to the picker
  const canSend = !locked && !sending && (text.trim().length > 0 || files.length > 0) && !tooLong;

  /** The server's rules, checked here first: count, size and type (lib/media-limits.ts). */
  const addFiles = (incoming: FileList | File[] | null | undefined) => {
    const list = [...(incoming ?? [])];
    if (list.length === 0 || locked) return;
    const accepted: File[] = [];
    let problem: string | null = null;
    for (const file of list) {
      if (file.size > MEDIA_MAX_BYTES) problem ??= t('fileTooLarge', { name: file.name, max: String(MEDIA_MAX_BYTES / 1024 / 1024) });
      else if (file.size === 0) problem ??= t('fileEmpty', { name: file.name });
      else if (!isAcceptedMediaType(fileMimeType(file.type, file.name))) problem ??= t('fileType', { name: file.name });
      else accepted.push(file);
    }
    const room = MAX_ATTACHMENTS - files.length;
    if (accepted.length > room) problem ??= t('tooManyFiles', { max: String(MAX_ATTACHMENTS) });
    if (accepted.length && room > 0) setFiles((current) => [...current, ...accepted.slice(0, room)]);
    setError(problem);
  };

  const send = async () => {
    if (!canSend) return;
    if (needsTag && !tag) {
      setError(ts('tagNeeded'));
      tagPicker.current?.focus();
      return;
    }
    setSending(true);
    setError(null);
    const failure = await onSend(text, needsTag && tag ? tag : null, null, files);
    setSending(false);
    if (failure) {
      setError(failure.message ?? (failure.code === 'NETWORK' ? t('networkError') : t('unknownError')));
      return;
    }
    setText('');
    onDraft('');
    setTag('');
    setFiles([]);
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
          {canSettings ? (
            <Link href={`/settings/chats?reconnect=${encodeURIComponent(chat.channel.id)}#channel-${chat.channel.id}`} className="font-medium underline underline-offset-2" data-testid="sync-lost-reconnect">
              {t('syncLostLink')}
            </Link>
          ) : (
            t('syncLostAskAdmin')
          )}
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
            <Labeled label={t('tagLabel')} labelClassName="font-medium">
              {(id) => (
                <Select
                  ref={tagPicker}
                  id={id}
                  value={tag}
                  onChange={(next: MessageTag) => {
                    setTag(next);
                    setError(null);
                  }}
                  placeholder={t('tagPlaceholder')}
                  options={sendability.allowedTags.map((allowed) => ({ value: allowed, label: t(`tags.${allowed}`) }))}
                  aria-describedby={error ? errorId : undefined}
                  tone="amber"
                  className="min-w-[12rem] py-1 text-[12.5px]"
                  testId="tag-select"
                />
              )}
            </Labeled>
          </div>
          <p className="mt-1.5 flex items-start gap-1.5">
            <TriangleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden />
            {t('tagWarning')}
          </p>
        </div>
      )}

      {!needsTemplate && (<>
      {files.length > 0 && (
        <ul id={filesId} aria-label={t('attachments')} className="mb-1.5 flex flex-wrap gap-1.5" data-testid="composer-files">
          {files.map((file, index) => (
            <FileChip
              key={`${file.name}-${file.size}-${file.lastModified}-${index}`}
              file={file}
              removeLabel={t('removeFile', { name: file.name })}
              disabled={sending}
              onRemove={() => {
                setFiles((current) => current.filter((_, i) => i !== index));
                setError(null);
                area.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <div
        data-testid="composer-box"
        onDragOver={(e) => {
          if (locked || !e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          if (locked || e.dataTransfer.files.length === 0) return;
          e.preventDefault();
          setDragging(false);
          addFiles(e.dataTransfer.files);
        }}
        className={clsx(
          'flex items-end gap-2 rounded-lg border bg-white px-2.5 py-1.5 focus-within:ring-2',
          tooLong ? 'border-red-300 focus-within:ring-red-100' : 'border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-100',
          locked && 'bg-slate-50',
          dragging && 'border-brand-500 bg-brand-50 ring-2 ring-brand-100',
        )}
      >
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="hidden"
          tabIndex={-1}
          aria-hidden
          data-testid="composer-file-input"
          onChange={(e) => {
            addFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <button
          type="button"
          onClick={() => picker.current?.click()}
          disabled={locked || sending || files.length >= MAX_ATTACHMENTS}
          aria-label={t('attach')}
          aria-controls={files.length ? filesId : undefined}
          title={t('attachHint', { max: String(MAX_ATTACHMENTS), size: String(MEDIA_MAX_BYTES / 1024 / 1024) })}
          data-testid="composer-attach"
          className="mb-0.5 grid size-8 shrink-0 place-items-center rounded-md max-md:size-11 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:text-slate-300 disabled:hover:bg-transparent"
        >
          <Paperclip className="size-4" aria-hidden />
        </button>
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
          onPaste={(e) => {
            // a pasted screenshot or copied file becomes an attachment; pasted text stays text
            if (e.clipboardData.files.length === 0) return;
            e.preventDefault();
            addFiles(e.clipboardData.files);
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
          className="mb-0.5 grid size-8 shrink-0 place-items-center rounded-md max-md:size-11 bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:bg-slate-200 disabled:text-slate-400"
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
            <p className="text-red-600">{t('tooLong', { max: String(MAX_TEXT_LENGTH) })}</p>
          ) : sendability.windowEndsAt && !block ? (
            <p className="text-slate-500" title={time.full(sendability.windowEndsAt)} suppressHydrationWarning>
              {t('windowEnds', { relative: time.relative(sendability.windowEndsAt) })}
            </p>
          ) : (
            <p className="text-slate-500">{locked ? '' : t('hint')}</p>
          )}
        </div>
        <span id={counterId} data-testid="composer-counter" className={clsx('shrink-0 tabular-nums', tooLong ? 'font-medium text-red-600' : 'text-slate-500')} aria-live={tooLong ? 'polite' : 'off'}>
          {t('counter', { count: String(length), max: String(MAX_TEXT_LENGTH) })}
        </span>
      </div>
      </>)}
    </div>
  );
}

/** One attached file before sending: a thumbnail or icon, its name and size, and a remove button. */
function FileChip({ file, removeLabel, disabled, onRemove }: { file: File; removeLabel: string; disabled: boolean; onRemove(): void }) {
  const [preview, setPreview] = useState<string | null>(null);
  const image = file.type.startsWith('image/') && file.type !== 'image/svg+xml';
  useEffect(() => {
    if (!image) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file, image]);
  return (
    <li className="flex max-w-[16rem] items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 py-1 pr-1 pl-1.5 text-[12px]" data-testid="composer-file">
      {preview ? (
        <img src={preview} alt="" className="size-7 shrink-0 rounded object-cover" />
      ) : (
        <FileText className="size-4 shrink-0 text-slate-400" aria-hidden />
      )}
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-800" title={file.name}>
          {file.name}
        </span>
        <span className="block text-[11px] text-slate-500">{formatFileSize(file.size)}</span>
      </span>
      <button
        type="button"
        onClick={onRemove}
        disabled={disabled}
        aria-label={removeLabel}
        title={removeLabel}
        className="grid size-6 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 disabled:opacity-50"
      >
        <X className="size-3.5" aria-hidden />
      </button>
    </li>
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
