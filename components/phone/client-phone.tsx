'use client';

import * as Popover from '@radix-ui/react-popover';
import { clsx } from 'clsx';
import { LoaderCircle, Mail, Phone } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientChatFragment } from '../../graphql-client/graphql';
import { displayPhone } from '../../lib/phone';
import { doc, useClient } from '../../lib/ui/gql';
import { ChannelIcon } from '../chats/channel-icon';
import { clientHref } from '../clients/client-sections';
import { ClientSearchQuery } from '../clients/queries';
import { StartChatButton } from '../clients/start-chat';
import { useClientDetails } from '../clients/use-client-details';
import { useCan } from '../providers/viewer-provider';
import { PhoneNumber } from '../ui/phone-number';
import { useChatWindow } from './chat-window-context';
import { returnFocus } from './return-focus';

const OPEN_DELAY_MS = 350;
const CLOSE_DELAY_MS = 250;

/**
 * F22: a client's phone number wherever the CRM shows one. Hovering, tapping or focusing it opens
 * a small card (name, contacts, their chats with the last message, "+ Chat"); a chat opens in the
 * floating window. A number that cannot be read as one stays plain text; without the Clients
 * permission it is only a `tel:` link.
 */
export function ClientPhone({ phone, clientId }: { phone: string; clientId?: string | null }) {
  const canClients = useCan('CLIENTS');
  const parsed = displayPhone(phone);
  if (!parsed) return null;
  if (!parsed.e164 || !canClients) return <PhoneNumber value={phone} />;
  return <PhoneCard text={parsed.text} e164={parsed.e164} clientId={clientId ?? null} />;
}

function PhoneCard({ text, e164, clientId }: { text: string; e164: string; clientId: string | null }) {
  const t = useTranslations('anywhere.card');
  const [open, setOpen] = useState(false);
  // pinned: opened by a click, a tap or Enter (focus moves into the card, leaving it does not close it)
  const pinned = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const content = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  const trigger = useRef<HTMLButtonElement>(null);

  const later = (fn: () => void, ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(fn, ms);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = (pin: boolean) => {
    clearTimeout(timer.current);
    if (pin) {
      pinned.current = true;
      // already open from hovering: move focus in now (Radix only does it when it opens)
      if (open) requestAnimationFrame(() => content.current?.querySelector<HTMLElement>('a[href], button')?.focus());
    }
    setOpen(true);
  };
  const hide = () => {
    pinned.current = false;
    setOpen(false);
  };
  const hover = { onPointerEnter: (e: React.PointerEvent) => e.pointerType === 'mouse' && !pinned.current && later(() => show(false), OPEN_DELAY_MS), onPointerLeave: (e: React.PointerEvent) => e.pointerType === 'mouse' && !pinned.current && later(hide, CLOSE_DELAY_MS) };

  return (
    <Popover.Root open={open} onOpenChange={(next) => (next ? show(true) : hide())}>
      <Popover.Trigger
        ref={trigger}
        {...hover}
        onClick={(e) => {
          e.preventDefault();
          if (open && !pinned.current) show(true);
          else if (open) hide();
          else show(true);
        }}
        onPointerDown={() => {
          pressed.current = true;
        }}
        onFocus={(e) => {
          // focus from the keyboard shows the card; a click's focus leaves it to the click, and
          // focus given back by the chat window or the card itself shows nothing
          if (!pressed.current && !open && !e.currentTarget.dataset.focusReturned) show(false);
          pressed.current = false;
        }}
        onBlur={(e) => {
          if (!pinned.current && !content.current?.contains(e.relatedTarget as Node | null)) later(hide, CLOSE_DELAY_MS);
        }}
        aria-label={t('open', { phone: text })}
        className="cursor-pointer rounded-sm text-left tabular-nums underline decoration-slate-300 decoration-dotted underline-offset-2 hover:text-brand-700 hover:decoration-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:-my-2 max-md:min-h-11"
        data-testid="phone-card-trigger"
      >
        {text}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          ref={content}
          {...hover}
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          // working in the card (a click, "+ Chat"): it stays until closed
          onPointerDown={() => {
            pinned.current = true;
          }}
          onOpenAutoFocus={(e) => {
            if (!pinned.current) e.preventDefault();
          }}
          onCloseAutoFocus={(e) => {
            // back to the number only when focus was in the card, and without reopening it
            e.preventDefault();
            const active = document.activeElement;
            if (!active || active === document.body || content.current?.contains(active)) returnFocus(trigger.current);
          }}
          className="z-50 w-[min(20rem,calc(100vw-1rem))] rounded-lg border border-slate-200 bg-white text-[13px] shadow-xl focus:outline-none"
          data-testid="phone-card"
          aria-label={t('label', { phone: text })}
        >
          <CardBody e164={e164} text={text} clientId={clientId} onDone={hide} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The client with this number: the one given, else the one client whose phone is exactly it. */
function useClientIdForPhone(e164: string, given: string | null) {
  const gql = useClient();
  const [found, setFound] = useState<{ id: string | null; state: 'loading' | 'ready' | 'error' }>(given ? { id: given, state: 'ready' } : { id: null, state: 'loading' });
  useEffect(() => {
    if (given) return;
    let live = true;
    void gql
      .query(doc(ClientSearchQuery), { search: e164, first: 5 }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!live) return;
        const rows = result.data?.clients.edges.map((e) => e.node).filter((c) => displayPhone(c.phone)?.e164 === e164) ?? null;
        setFound(rows ? { id: rows.length === 1 ? rows[0].id : null, state: 'ready' } : { id: null, state: 'error' });
      });
    return () => {
      live = false;
    };
  }, [gql, e164, given]);
  return found;
}

function CardBody({ e164, text, clientId, onDone }: { e164: string; text: string; clientId: string | null; onDone(): void }) {
  const t = useTranslations('anywhere.card');
  const canChat = useCan('CHATS');
  const windows = useChatWindow();
  const lookup = useClientIdForPhone(e164, clientId);
  const { details, state } = useClientDetails(lookup.id);
  const openChat = useCallback(
    (chatId: string) => {
      onDone();
      windows.open(chatId);
    },
    [onDone, windows],
  );

  const loading = lookup.state === 'loading' || (lookup.id !== null && state === 'loading' && !details);
  const failed = lookup.state === 'error' || (lookup.id !== null && state === 'error' && !details);
  return (
    <div className="p-3">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {details ? (
            <Link href={clientHref(details.id)} className="block truncate text-[14px] font-semibold text-slate-900 hover:text-brand-700 hover:underline" data-testid="phone-card-name">
              {details.name}
            </Link>
          ) : (
            <p className="text-[14px] font-semibold text-slate-900">{text}</p>
          )}
        </div>
        {loading && <LoaderCircle className="size-4 animate-spin text-slate-400" aria-label={t('loading')} />}
      </div>
      <ul className="mt-1.5 space-y-1 text-[12.5px] text-slate-700">
        <li className="flex items-center gap-1.5">
          <Phone className="size-3.5 text-slate-500" aria-hidden />
          <a href={`tel:${e164}`} className="tabular-nums hover:underline" data-testid="phone-card-tel">
            {text}
          </a>
        </li>
        {details?.email && (
          <li className="flex items-center gap-1.5">
            <Mail className="size-3.5 text-slate-500" aria-hidden />
            <a href={`mailto:${details.email}`} className="truncate hover:underline">
              {details.email}
            </a>
          </li>
        )}
      </ul>
      {failed && <p className="mt-2 text-[12px] text-red-700">{t('error')}</p>}
      {lookup.state === 'ready' && lookup.id === null && <p className="mt-2 text-[12px] text-slate-500" data-testid="phone-card-no-client">{t('noClient')}</p>}
      {details && canChat && (
        <>
          <h3 className="mt-3 mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{t('chats', { count: details.chats.length })}</h3>
          {details.chats.length === 0 ? (
            <p className="text-[12px] text-slate-500">{t('noChats')}</p>
          ) : (
            <ul className="-mx-1 max-h-48 space-y-0.5 overflow-y-auto" data-testid="phone-card-chats">
              {details.chats.map((chat) => (
                <li key={chat.id}>
                  <CardChat chat={chat} onOpen={openChat} />
                </li>
              ))}
            </ul>
          )}
          <div className="mt-2.5 flex justify-end">
            <StartChatButton client={details} chats={details.chats} variant="ghost" onStarted={(chat) => openChat(chat.id)} />
          </div>
        </>
      )}
    </div>
  );
}

function CardChat({ chat, onOpen }: { chat: ClientChatFragment; onOpen(chatId: string): void }) {
  const t = useTranslations('anywhere.card');
  const last = chat.lastMessage;
  return (
    <button
      type="button"
      onClick={() => onOpen(chat.id)}
      className="flex w-full items-start gap-2 rounded-md px-1.5 py-1.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11"
      data-testid="phone-card-chat"
    >
      <ChannelIcon kind={chat.channel.kind} className="mt-0.5 size-3.5 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[12.5px] font-medium text-slate-800">{chat.channel.name}</span>
        <span className={clsx('block truncate text-[12px]', chat.unread ? 'font-medium text-slate-800' : 'text-slate-500')}>
          {last ? `${last.direction === 'OUTBOUND' ? `${t('you')} ` : ''}${last.text ?? t('attachment')}` : t('noMessages')}
        </span>
      </span>
    </button>
  );
}
