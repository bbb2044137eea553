'use client';

import { useEffect, useRef } from 'react';
import { useLiveCount, useUrql } from '../providers/live-provider';

const PREFIX = /^\(\d+\+?\)\s+/;

/** "Chats · CRM" → "(3) Chats · CRM" with three unread chats; the bare title again at none. */
export function titleWithUnread(title: string, unread: number): string {
  const base = title.replace(PREFIX, '');
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}

/**
 * Keeps the browser tab's title saying how many chats are unread, live, so an operator in
 * another tab sees "(3) Chats" without looking. Renders nothing.
 */
export function UnreadTabTitle({ initial }: { initial: number }) {
  const urql = useUrql();
  const [count] = useLiveCount(initial, async () => {
    const { client, doc, inbox } = await urql();
    const result = await client.query(doc(inbox.UnreadChatsQuery), {}, { requestPolicy: 'network-only' }).toPromise();
    return result.data?.unreadChats;
  });
  const countRef = useRef(count);
  countRef.current = count;

  useEffect(() => {
    const apply = () => {
      const next = titleWithUnread(document.title, countRef.current);
      if (next !== document.title) document.title = next;
    };
    apply();
    // Next sets the page's own title again after a navigation: put the count back in front
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = titleWithUnread(document.title, 0);
    };
  }, [count]);

  return null;
}
