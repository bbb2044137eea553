'use client';

import { clsx } from 'clsx';
import { MessagesSquare, SearchX } from '../ui/icons';
import { RetryAlert } from '../ui/retry-alert';
import { useTranslations } from '../../lib/ui/intl';

/**
 * What the conversation pane shows without a conversation: nothing picked, a chat that is gone,
 * a thread that failed to load. Apart from the conversation itself, which the inbox loads only
 * once a chat is opened (it brings the composer, players and pickers).
 */
export function NoChatSelected({ missing, onBack }: { missing: boolean; onBack?(): void }) {
  const t = useTranslations('chats.conversation');
  const ts = useTranslations('chatScreens.conversation');
  return (
    // on a phone the list fills the screen until a chat is picked; a chat that is gone says so there
    <section className={clsx('min-w-0 flex-1 flex-col items-center justify-center gap-2 bg-slate-50 text-center text-slate-500 md:flex', missing ? 'flex' : 'hidden')}>
      {missing ? <SearchX className="size-7 text-slate-300" aria-hidden /> : <MessagesSquare className="size-7 text-slate-300" aria-hidden />}
      <p className="font-medium text-slate-600">{missing ? t('missing') : t('none')}</p>
      <p className="max-w-xs text-[12.5px]">{missing ? t('missingHint') : t('noneHint')}</p>
      {missing && onBack && (
        <button type="button" onClick={onBack} className="mt-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-[13px] text-slate-700 hover:bg-slate-50 md:hidden">
          {ts('back')}
        </button>
      )}
    </section>
  );
}

export function ThreadError({ onRetry }: { onRetry(): void }) {
  const t = useTranslations('chats.conversation');
  return (
    <section className="flex min-w-0 flex-1 flex-col items-center justify-center bg-slate-50 text-slate-500">
      <RetryAlert message={t('loadError')} retryLabel={t('retry')} onRetry={onRetry} />
    </section>
  );
}
