'use client';

import { clsx } from 'clsx';
import { FlaskConical, LoaderCircle } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useState } from 'react';

/** Whether the demo box is open, per browser: an operator who closed it keeps it closed. */
const OPEN_KEY = 'chats.demoControl.open';

/**
 * Demo only: a simulated Messenger customer writes to the demo page through the real signed
 * webhook (POST /api/demo/simulate), so the live inbox can be tried without Facebook.
 */
export function DemoControl({ openChat }: { openChat: { title: string; psid: string } | null }) {
  const t = useTranslations('chats.demo');
  const [open, setOpenState] = useState(false);
  useEffect(() => {
    try {
      setOpenState(localStorage.getItem(OPEN_KEY) === '1');
    } catch {
      // storage blocked: closed, as on a first visit
    }
  }, []);
  const setOpen = (update: (open: boolean) => boolean) =>
    setOpenState((was) => {
      const next = update(was);
      try {
        localStorage.setItem(OPEN_KEY, next ? '1' : '0');
      } catch {
        // storage blocked: the choice lasts until the page is left
      }
      return next;
    });
  const [text, setText] = useState('');
  const [as, setAs] = useState<'new' | 'open'>('new');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');
  const textId = useId();
  const asId = useId();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setState('sending');
    try {
      const response = await fetch('/api/demo/simulate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: text.trim(), ...(as === 'open' && openChat ? { psid: openChat.psid } : {}) }),
      });
      if (!response.ok) throw new Error(String(response.status));
      setState('sent');
      setText('');
    } catch {
      setState('error');
    }
  };

  return (
    <div className="shrink-0 border-t border-slate-200 p-2" data-testid="demo-control" data-open={open}>
      <div className="rounded-md border border-dashed border-violet-300 bg-violet-50/50 px-2.5 py-1.5">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex w-full items-center gap-1.5 text-left text-[12px] font-medium text-violet-800"
        >
          <FlaskConical className="size-3.5" aria-hidden />
          <span className="rounded bg-violet-200/70 px-1 text-[10px] font-semibold tracking-wide uppercase">{t('badge')}</span>
          <span className="flex-1">{t('title')}</span>
          <span aria-hidden className={clsx('text-violet-400 transition-transform', open && 'rotate-180')}>
            ▾
          </span>
        </button>
        {open && (
          <form onSubmit={submit} className="mt-2 space-y-1.5 pb-1">
            <p className="text-[11.5px] text-violet-900/70">{t('hint')}</p>
            {openChat && (
              <div className="flex items-center gap-1.5 text-[12px]">
                <label htmlFor={asId} className="text-violet-900/80">
                  {t('from')}
                </label>
                <select
                  id={asId}
                  value={as}
                  onChange={(e) => setAs(e.target.value as 'new' | 'open')}
                  className="min-w-0 flex-1 rounded border border-violet-200 bg-white px-1.5 py-0.5 text-[12px]"
                >
                  <option value="new">{t('newCustomer')}</option>
                  <option value="open">{openChat.title}</option>
                </select>
              </div>
            )}
            <label htmlFor={textId} className="sr-only">
              {t('textLabel')}
            </label>
            <div className="flex gap-1.5">
              <input
                id={textId}
                value={text}
                maxLength={1000}
                onChange={(e) => {
                  setText(e.target.value);
                  if (state !== 'sending') setState('idle');
                }}
                placeholder={t('placeholder')}
                className="min-w-0 flex-1 rounded border border-violet-200 bg-white px-2 py-1 text-[12.5px] focus:border-violet-400 focus:outline-none"
              />
              <button
                type="submit"
                disabled={state === 'sending' || !text.trim()}
                className="flex items-center gap-1 rounded bg-violet-600 px-2 py-1 text-[12px] font-medium text-white hover:bg-violet-700 disabled:opacity-50"
              >
                {state === 'sending' && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
                {t('send')}
              </button>
            </div>
            {state === 'sent' && (
              <p role="status" className="text-[11.5px] text-violet-800">
                {t('sent')}
              </p>
            )}
            {state === 'error' && (
              <p role="alert" className="text-[11.5px] text-red-600">
                {t('error')}
              </p>
            )}
          </form>
        )}
      </div>
    </div>
  );
}
