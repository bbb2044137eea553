'use client';

import { useTranslations } from '../../lib/ui/intl';
import { useEffect } from 'react';
import { useLiveCount, useUrql } from '../providers/live-provider';

/** The red count of new or unanswered chats on the Chats menu item, kept live (F5). */
export function InboxBadge({ initial, testId = 'inbox-badge', className = 'absolute -top-1.5 left-3 ring-slate-900' }: { initial: number; testId?: string; className?: string }) {
  const t = useTranslations('nav');
  const urql = useUrql();
  const [count, setCount] = useLiveCount(initial, async () => {
    const { client, doc, inbox } = await urql();
    const result = await client.query(doc(inbox.InboxBadgeQuery), {}, { requestPolicy: 'network-only' }).toPromise();
    return result.data?.inboxBadge;
  });

  useEffect(() => setCount(initial), [initial, setCount]);

  if (count <= 0) return null;
  return (
    <span
      data-testid={testId}
      aria-label={t('badge', { count })}
      className={`${className} min-w-4 rounded-full bg-red-500 px-1 text-center text-[10px] leading-4 font-semibold text-white ring-2`}
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
