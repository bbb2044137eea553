'use client';

import { clsx } from 'clsx';
import { ExternalLink, FilePlus, LoaderCircle, Mail, Phone, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from '../../lib/ui/intl';
import { useState, type ReactNode } from 'react';
import type { ClientChatFragment, ClientDocumentFragment, ClientSummaryFragment, DocumentKind } from '../../graphql-client/graphql';
import { formatPhone } from '../../lib/phone';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { Avatar } from '../chats/avatar';
import { ChannelIcon } from '../chats/channel-icon';
import { useChatTime } from '../chats/time';
import { inputClass, primaryButton } from '../ui/form';
import { documentHref } from '../crm/paging';
import { ClientPhone } from '../phone/client-phone';
import { Labeled } from '../ui/labeled';
import { Select } from '../ui/select';
import { CreateDocumentMutation } from './queries';

export const DOCUMENT_KINDS: DocumentKind[] = ['ORDER', 'ESTIMATE', 'INVOICE', 'LEAD'];

export const clientHref = (id: string) => `/clients/${encodeURIComponent(id)}`;
export const chatHref = (id: string) => `/chats/${encodeURIComponent(id)}`;

/** Name, phone and e-mail; `actions` go under them (link to the page, "+ Chat", "Change"). */
export function ClientCard({
  client,
  actions,
  corner,
  heading = 'h3',
  linkName = true,
}: {
  client: ClientSummaryFragment;
  actions?: ReactNode;
  /** Top right, next to the name (e.g. "Change"). */
  corner?: ReactNode;
  heading?: 'h1' | 'h3';
  linkName?: boolean;
}) {
  const t = useTranslations('clients.card');
  const Heading = heading;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-2.5" data-testid="client-card">
      <div className="flex items-start gap-2">
      <Heading className={clsx('flex min-w-0 flex-1 items-center gap-1.5 font-semibold text-slate-900', heading === 'h1' ? 'text-[17px]' : 'text-[13.5px]')} data-testid="client-name">
        <UserRound className={clsx('shrink-0 text-slate-500', heading === 'h1' ? 'size-4' : 'size-3.5')} aria-hidden />
        {linkName ? (
          <Link href={clientHref(client.id)} className="min-w-0 truncate hover:text-brand-700 hover:underline">
            {client.name}
          </Link>
        ) : (
          <span className="min-w-0 truncate">{client.name}</span>
        )}
      </Heading>
        {corner}
      </div>
      <ul className="mt-1.5 space-y-1 text-[12.5px] text-slate-600">
        <li className="flex items-center gap-1.5">
          <Phone className="size-3 shrink-0 text-slate-500" aria-hidden />
          {client.phone ? (
            <span data-testid="client-phone">
              <ClientPhone phone={client.phone} clientId={client.id} />
            </span>
          ) : (
            <span className="text-slate-500">{t('noPhone')}</span>
          )}
        </li>
        <li className="flex items-center gap-1.5">
          <Mail className="size-3 shrink-0 text-slate-500" aria-hidden />
          {client.email ? (
            <a href={`mailto:${client.email}`} className="truncate hover:text-brand-700 hover:underline">
              {client.email}
            </a>
          ) : (
            <span className="text-slate-500">{t('noEmail')}</span>
          )}
        </li>
      </ul>
      {actions && <div className="mt-2 flex flex-wrap items-center gap-1.5 border-t border-slate-100 pt-2">{actions}</div>}
    </div>
  );
}

export function ClientPageLink({ clientId }: { clientId: string }) {
  const t = useTranslations('clients.card');
  return (
    <Link href={clientHref(clientId)} className="inline-flex items-center gap-1 rounded px-1 py-0.5 text-[12px] font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500" data-testid="client-page-link">
      <ExternalLink className="size-3" aria-hidden />
      {t('open')}
    </Link>
  );
}

/** The client's chats in every channel the viewer may see. `onOpen` opens one without a page load. */
export function ClientChatList({ chats, currentChatId, onOpen }: { chats: ClientChatFragment[]; currentChatId?: string; onOpen?(chatId: string): void }) {
  const t = useTranslations('clients.chats');
  const time = useChatTime();
  if (chats.length === 0) return <p className="text-[12.5px] text-slate-500">{t('none')}</p>;
  return (
    <ul className="-mx-1 space-y-0.5" data-testid="client-chats">
      {chats.map((chat) => {
        const current = chat.id === currentChatId;
        const handle = chat.contact.phone ? formatPhone(chat.contact.phone) : chat.contact.username ? `@${chat.contact.username}` : null;
        return (
          <li key={chat.id}>
            <a
              href={chatHref(chat.id)}
              aria-current={current ? 'true' : undefined}
              data-testid="client-chat"
              onClick={(e) => {
                if (!onOpen || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                onOpen(chat.id);
              }}
              className={clsx(
                'flex items-center gap-2 rounded-md px-1.5 py-1.5 focus-visible:outline-2 focus-visible:outline-brand-500',
                current ? 'bg-brand-50' : 'hover:bg-slate-50',
              )}
            >
              <Avatar name={chat.contact.displayName} url={chat.contact.avatarUrl} seed={chat.id} size={26} />
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-1.5">
                  <ChannelIcon kind={chat.channel.kind} />
                  <span className="min-w-0 flex-1 truncate text-[12.5px] font-medium text-slate-800">{chat.channel.name}</span>
                  <time dateTime={chat.lastMessageAt} title={time.full(chat.lastMessageAt)} className={clsx('shrink-0 text-[11px] tabular-nums', current ? 'text-slate-600' : 'text-slate-500')} suppressHydrationWarning>
                    {time.short(chat.lastMessageAt)}
                  </time>
                </span>
                <span className={clsx('flex items-center gap-1.5 text-[11.5px]', current ? 'text-slate-600' : 'text-slate-500')}>
                  <span className="min-w-0 flex-1 truncate">
                    {chat.title}
                    {handle && ` · ${handle}`}
                  </span>
                  {current && <span className="shrink-0 text-brand-700">{t('current')}</span>}
                  {chat.status === 'ARCHIVED' && <span className="shrink-0 rounded bg-slate-100 px-1 text-[10.5px] font-medium text-slate-600">{t('archived')}</span>}
                  {chat.unread && <span className="size-2 shrink-0 rounded-full bg-brand-500" role="img" aria-label={t('unread')} />}
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function useDocumentDate() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
}

/** All of the client's documents, newest first: kind, number, title, status and date. */
export function DocumentList({ documents, highlight }: { documents: ClientDocumentFragment[]; highlight?: string | null }) {
  const t = useTranslations('clients.documents');
  const date = useDocumentDate();
  const time = useChatTime();
  if (documents.length === 0) return <p className="text-[12.5px] text-slate-500">{t('none')}</p>;
  return (
    <ul className="space-y-1" data-testid="client-documents">
      {documents.map((d) => (
        <li
          key={d.id}
          data-testid="client-document"
          data-kind={d.kind}
          className={clsx('rounded-md border px-2 py-1.5 transition-colors', d.id === highlight ? 'border-brand-100 bg-brand-50' : 'border-slate-200 bg-white')}
        >
          <div className="flex items-center gap-1.5 text-[12px]">
            <DocumentKindBadge kind={d.kind} />
            <Link href={documentHref(d.id)} className="font-mono font-medium text-slate-700 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500" data-testid="document-number">
              {d.number}
            </Link>
            <span className="flex-1" />
            <time dateTime={d.createdAt} title={time.full(d.createdAt)} className="shrink-0 text-[11px] text-slate-600 tabular-nums" suppressHydrationWarning>
              {date(d.createdAt)}
            </time>
          </div>
          <div className="mt-0.5 flex items-baseline gap-2">
            <span className="min-w-0 flex-1 truncate text-[12.5px] text-slate-900" title={d.title}>
              {d.title}
            </span>
            <DocumentStatus status={d.status} />
          </div>
        </li>
      ))}
    </ul>
  );
}

const KIND_TINT: Record<DocumentKind, string> = {
  LEAD: 'bg-violet-50 text-violet-800',
  ORDER: 'bg-sky-50 text-sky-800',
  ESTIMATE: 'bg-amber-50 text-amber-800',
  INVOICE: 'bg-emerald-50 text-emerald-800',
};

export function DocumentKindBadge({ kind }: { kind: DocumentKind }) {
  const t = useTranslations('clients.documents.kind');
  return <span className={clsx('rounded px-1.5 py-px text-[10.5px] font-semibold tracking-wide uppercase', KIND_TINT[kind])}>{t(kind)}</span>;
}

const KNOWN_STATUSES = new Set(['NEW', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'PAID']);

export function DocumentStatus({ status }: { status: string }) {
  const t = useTranslations('clients.documents.status');
  return <span className="shrink-0 text-[11px] text-slate-600">{KNOWN_STATUSES.has(status) ? t(status) : status}</span>;
}

/** F8: a new lead, order, estimate or invoice for the client, remembered as coming from this chat. */
export function CreateDocumentForm({ clientId, chatId, onCreated }: { clientId: string; chatId?: string | null; onCreated(document: ClientDocumentFragment): void }) {
  const t = useTranslations('clients.documents');
  const client = useClient();
  const [kind, setKind] = useState<DocumentKind>('ORDER');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t('titleRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(CreateDocumentMutation), { clientId, kind, title: title.trim(), chatId: chatId ?? null }).toPromise();
    setBusy(false);
    if (result.data?.createDocument) {
      onCreated(result.data.createDocument);
      setTitle('');
      return;
    }
    const failure = userError(result.error);
    setError(failure?.message ?? (failure?.code === 'NETWORK' ? t('networkError') : t('createError')));
  };

  return (
    <form onSubmit={submit} className="space-y-1.5" data-testid="create-document-form" noValidate>
      <div className="flex gap-1.5">
        <Labeled label={t('kindLabel')} labelClassName="sr-only">
          {(id) => (
            <Select
              id={id}
              value={kind}
              onChange={(next: DocumentKind) => setKind(next)}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              className="w-[7.5rem] shrink-0"
              testId="document-kind"
            />
          )}
        </Labeled>
        <Labeled label={t('titleLabel')} labelClassName="sr-only">
          {(id) => (
            <input
              id={id}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                if (error) setError(null);
              }}
              maxLength={200}
              placeholder={t('titlePlaceholder')}
              className={clsx(inputClass, 'min-w-0 flex-1')}
              data-testid="document-title"
              aria-invalid={error ? true : undefined}
            />
          )}
        </Labeled>
      </div>
      {error && (
        <p role="alert" className="text-[12px] text-red-600">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className={clsx(primaryButton, 'w-full')} data-testid="create-document">
        {busy ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <FilePlus className="size-3.5" aria-hidden />}
        {t('create', { kind: t(`kind.${kind}`) })}
      </button>
    </form>
  );
}
