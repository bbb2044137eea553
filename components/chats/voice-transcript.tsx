'use client';

import { clsx } from 'clsx';
import { Captions, ChevronDown, LoaderCircle, RotateCw } from 'lucide-react';
import { useLocale, useTranslations } from '../../lib/ui/intl';
import { useId, useState } from 'react';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { TranscribeMessageMutation } from './fragments';
import type { MessageItem } from './inbox-state';

type Transcription = MessageItem['transcription'];

/** "de" → "German" / "Deutsch", in the operator's language; the code itself when the browser has no name for it. */
function languageName(code: string | null | undefined, locale: string): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Under a voice note: "Transcribe", then a spinner while it runs, then the text with its language
 * (collapsible), or the reason it failed with "Try again". The result arrives live as
 * MessageUpdated, for every operator looking at the chat.
 */
export function VoiceTranscript({ messageId, transcription }: { messageId: string; transcription: Transcription }) {
  const t = useTranslations('chatScreens.transcript');
  const locale = useLocale();
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const textId = useId();

  const ask = async () => {
    setAsking(true);
    setRefused(null);
    const result = await client.mutation(doc(TranscribeMessageMutation), { messageId }).toPromise();
    setAsking(false);
    if (result.error) setRefused(userError(result.error)?.message ?? t('unreachable'));
  };

  const status = transcription?.status;
  const pending = status === 'PENDING' || (asking && status !== 'DONE');

  if (pending) {
    return (
      <p className="mt-1 flex items-center gap-1.5 text-[12px] text-slate-500" role="status" data-testid="transcript-pending">
        <LoaderCircle className="size-3.5 animate-spin" aria-hidden />
        {t('working')}
      </p>
    );
  }

  if (status === 'DONE' && transcription) {
    const language = languageName(transcription.language, locale);
    return (
      <div className="mt-1 max-w-64 min-w-0 border-t border-slate-200/80 pt-1" data-testid="transcript">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={textId}
          className="flex w-full items-center gap-1 rounded text-left text-[11.5px] font-medium text-slate-500 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500"
        >
          <Captions className="size-3.5 shrink-0" aria-hidden />
          <span className="min-w-0 flex-1 truncate">{language ? t('titleWithLanguage', { language }) : t('title')}</span>
          <ChevronDown className={clsx('size-3.5 shrink-0 transition-transform', !open && '-rotate-90')} aria-hidden />
          <span className="sr-only">{open ? t('hide') : t('show')}</span>
        </button>
        <p
          id={textId}
          hidden={!open}
          lang={transcription.language ?? undefined}
          className="mt-0.5 text-[13px] leading-snug break-words whitespace-pre-wrap text-slate-800 italic [overflow-wrap:anywhere]"
          data-testid="transcript-text"
        >
          {transcription.text}
        </p>
      </div>
    );
  }

  const failure = refused ?? (status === 'FAILED' ? (transcription?.error ?? t('failed')) : null);
  return (
    <div className="mt-1 flex max-w-64 flex-wrap items-center gap-x-2 gap-y-0.5 text-[12px]">
      {failure && (
        <span className="text-red-600" role="alert" data-testid="transcript-error">
          {t('couldNot', { reason: failure })}
        </span>
      )}
      <button
        type="button"
        onClick={() => void ask()}
        data-testid="transcribe"
        className={clsx(
          'inline-flex items-center gap-1 font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500',
          failure ? 'rounded px-0.5 text-red-700 underline-offset-2 hover:underline' : 'rounded-md border border-slate-200 bg-white px-1.5 py-0.5 text-slate-700 hover:bg-slate-50',
        )}
      >
        {failure ? <RotateCw className="size-3" aria-hidden /> : <Captions className="size-3.5" aria-hidden />}
        {failure ? t('tryAgain') : t('transcribe')}
      </button>
    </div>
  );
}
