'use client';

import { useFormatter, useTranslations } from '../../lib/ui/intl';
import { useCallback } from 'react';

const DAY = 24 * 60 * 60 * 1000;

/** Date and time helpers in the viewer's language and the app's time zone (from next-intl). */
export function useChatTime() {
  const format = useFormatter();
  const t = useTranslations('time');

  const dayKey = useCallback((d: Date) => format.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit' }), [format]);
  const clock = useCallback((iso: string | Date) => format.dateTime(new Date(iso), { timeStyle: 'short' }), [format]);

  /** Chat list: 14:32 today, "Yesterday", a weekday this week, else a short date. */
  const short = useCallback(
    (iso: string, now = new Date()) => {
      const d = new Date(iso);
      if (dayKey(d) === dayKey(now)) return clock(d);
      if (dayKey(d) === dayKey(new Date(now.getTime() - DAY))) return t('yesterday');
      if (now.getTime() - d.getTime() < 6 * DAY) return format.dateTime(d, { weekday: 'short' });
      if (d.getFullYear() === now.getFullYear()) return format.dateTime(d, { day: 'numeric', month: 'short' });
      return format.dateTime(d, { day: '2-digit', month: '2-digit', year: '2-digit' });
    },
    [dayKey, clock, format, t],
  );

  /** Date separators in a conversation: "Today", "Yesterday", else the full date. */
  const dayLabel = useCallback(
    (iso: string, now = new Date()) => {
      const d = new Date(iso);
      if (dayKey(d) === dayKey(now)) return t('today');
      if (dayKey(d) === dayKey(new Date(now.getTime() - DAY))) return t('yesterday');
      return format.dateTime(d, { weekday: 'long', day: 'numeric', month: 'long', year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
    },
    [dayKey, format, t],
  );

  /** A moment with the day when it is not today: "14:32" or "3 Mar, 14:32". */
  const moment = useCallback(
    (iso: string, now = new Date()) => {
      const d = new Date(iso);
      if (dayKey(d) === dayKey(now)) return clock(d);
      return `${format.dateTime(d, { day: 'numeric', month: 'short' })} ${clock(d)}`;
    },
    [dayKey, clock, format],
  );

  const full = useCallback((iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }), [format]);
  const relative = useCallback((iso: string, now = new Date()) => format.relativeTime(new Date(iso), now), [format]);

  return { short, dayLabel, clock, moment, full, relative, dayKey: (iso: string) => dayKey(new Date(iso)) };
}
