'use client';

import { clsx } from 'clsx';
import { useTranslations } from '../../lib/ui/intl';
import type { ChatItem } from './inbox-state';

export type ChatItemsShown = 'all' | 'messages' | 'comments';

/** The chats that hold what the operator wants to see: direct messages, comments under posts, or both. */
export function chatsShowing(chats: ChatItem[], shown: ChatItemsShown): ChatItem[] {
  if (shown === 'all') return chats;
  return chats.filter((c) => (shown === 'comments' ? c.hasComments : c.hasDirectMessages));
}

/** "Show: All · Messages · Comments", under the list's open/archived switch. */
export function ChatItemFilter({ shown, onShow }: { shown: ChatItemsShown; onShow(shown: ChatItemsShown): void }) {
  const t = useTranslations('comments.filter');
  return (
    <div className="flex h-9 shrink-0 items-center gap-2 border-b border-slate-200 px-3 text-[12px]">
      <span className="text-slate-500" id="chat-item-filter">
        {t('label')}
      </span>
      <div role="group" aria-labelledby="chat-item-filter" className="flex gap-1">
        {(['all', 'messages', 'comments'] as const).map((value) => (
          <button
            key={value}
            type="button"
            aria-pressed={shown === value}
            data-testid={`show-${value}`}
            onClick={() => onShow(value)}
            className={clsx(
              'rounded-full px-2 py-0.5 font-medium focus-visible:outline-2 focus-visible:outline-brand-500',
              shown === value ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
            )}
          >
            {t(value)}
          </button>
        ))}
      </div>
    </div>
  );
}
