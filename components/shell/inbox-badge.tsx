'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { doc } from '../../lib/ui/gql';
import { InboxBadgeQuery } from '../chats/fragments';
import { useInboxEvents, useResync } from '../providers/live-provider';

/** The red count of new or unanswered chats on the Chats menu item, kept live (F5). */
export function InboxBadge({ initial }: { initial: number }) {
  const t = useTranslations('nav');
  const client = useClient();
  const [count, setCount] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => setCount(initial), [initial]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = () => {
    clearTimeout(timer.current);
    // events come in bursts (a message, then its chat): ask once per burst
    timer.current = setTimeout(async () => {
      const result = await client.query(doc(InboxBadgeQuery), {}, { requestPolicy: 'network-only' }).toPromise();
      if (typeof result.data?.inboxBadge === 'number') setCount(result.data.inboxBadge);
    }, 300);
  };
  useInboxEvents((event) => {
    if (event.__typename === 'ChatUpdated' || event.__typename === 'MessageAdded') refresh();
  });
  useResync(refresh);

  if (count <= 0) return null;
  return (
    <span
      data-testid="inbox-badge"
      aria-label={t('badge', { count })}
      className="absolute -top-1.5 left-3 min-w-4 rounded-full bg-red-500 px-1 text-center text-[10px] leading-4 font-semibold text-white ring-2 ring-slate-900"
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
