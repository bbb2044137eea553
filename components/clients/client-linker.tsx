'use client';

import { clsx } from 'clsx';
import { LoaderCircle, Search, UserPlus } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { ClientSummaryFragment } from '../../graphql-client/graphql';
import { formatPhone } from '../../lib/phone';
import { doc, userError, useClient } from '../../lib/ui/gql';
import type { ChatItem } from '../chats/inbox-state';
import { ghostButton, inputClass, labelClass, primaryButton } from '../ui/form';
import { ClientSearchQuery, CreateClientMutation, LinkClientMutation } from './queries';

const RESULTS = 8;

/**
 * F8: tie a chat to a CRM client: search the existing ones as you type, or create one with the
 * requester's name and phone filled in.
 */
export function ClientLinker({ chat, onLinked, onCancel }: { chat: ChatItem; onLinked(chat: ChatItem): void; onCancel?: () => void }) {
  const t = useTranslations('clients.link');
  const client = useClient();
  const [mode, setMode] = useState<'search' | 'create'>('search');
  /** What the search had found nothing for: the new client's name (or phone) to start from. */
  const [searched, setSearched] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const link = async (clientId: string) => {
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(LinkClientMutation), { chatId: chat.id, clientId }).toPromise();
    setBusy(false);
    if (result.data?.linkClient) {
      onLinked(result.data.linkClient);
      return true;
    }
    const failure = userError(result.error);
    setError(failure?.message ?? (failure?.code === 'NETWORK' ? t('networkError') : t('linkError')));
    return false;
  };

  return (
    <div data-testid="client-linker">
      {mode === 'search' ? (
        <>
          <ClientSearch
            onPick={(c) => void link(c.id)}
            onCreate={(term) => {
              setSearched(term);
              setMode('create');
            }}
            disabled={busy}
          />
          <div className="mt-2 flex flex-wrap items-center gap-1">
            <button
              type="button"
              onClick={() => {
                setSearched('');
                setMode('create');
              }} className={clsx(ghostButton, '-ml-2 text-brand-700')} data-testid="create-client-open">
              <UserPlus className="size-3.5" aria-hidden />
              {t('create')}
            </button>
            {onCancel && (
              <button type="button" onClick={onCancel} className={ghostButton}>
                {t('cancel')}
              </button>
            )}
            {busy && <LoaderCircle className="size-3.5 animate-spin text-slate-500" aria-label={t('linking')} />}
          </div>
        </>
      ) : (
        <>
        <h3 className="mb-1.5 text-[12.5px] font-semibold text-slate-800">{t('createTitle')}</h3>
        <CreateClientForm
          initialName={searched && !looksLikePhone(searched) ? searched : (chat.contact.displayName ?? '')}
          initialPhone={searched && looksLikePhone(searched) ? searched : (chat.contact.phone ?? '')}
          submitLabel={t('createAndLink')}
          onCancel={() => setMode('search')}
          onCreated={async (created) => {
            if (await link(created.id)) setMode('search');
          }}
        />
        </>
      )}
      {error && (
        <p role="alert" className="mt-2 text-[12px] text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** "+49 170 555", "0170-555 01": a search for a number rather than a name. */
export function looksLikePhone(term: string): boolean {
  return /^\+?[\d\s()/-]{5,}$/.test(term.trim());
}

/**
 * A combobox over clients(search): type, pick with the arrows and Enter, or click. When nothing
 * matches, the one option is to create the client from what was typed (`onCreate`).
 */
export function ClientSearch({ onPick, onCreate, disabled }: { onPick(client: ClientSummaryFragment): void; onCreate?(term: string): void; disabled?: boolean }) {
  const t = useTranslations('clients.link');
  const ts = useTranslations('chatScreens.linker');
  const client = useClient();
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<ClientSummaryFragment[] | null>(null);
  const [more, setMore] = useState(false);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [active, setActive] = useState(-1);
  const listId = useId();
  const inputId = useId();
  const request = useRef(0);

  useEffect(() => {
    if (!open) return;
    const ticket = ++request.current;
    setState('loading');
    const timer = setTimeout(async () => {
      const result = await client.query(doc(ClientSearchQuery), { search: term.trim() || null, first: RESULTS }, { requestPolicy: 'network-only' }).toPromise();
      if (ticket !== request.current) return;
      const connection = result.data?.clients;
      if (!connection) {
        setState('error');
        return;
      }
      setResults(connection.edges.map((e) => e.node));
      setMore(connection.pageInfo.hasNextPage);
      setActive(-1);
      setState('idle');
    }, 180);
    return () => clearTimeout(timer);
  }, [term, open, client]);

  const pick = (c: ClientSummaryFragment) => {
    setOpen(false);
    setTerm('');
    onPick(c);
  };

  const list = results ?? [];
  const expanded = open && (list.length > 0 || state !== 'loading' || results !== null);
  const typed = term.trim();
  const offerCreate = !!onCreate && !!typed && state === 'idle' && results !== null && list.length === 0;
  const optionCount = offerCreate ? 1 : list.length;
  const create = () => {
    setOpen(false);
    setTerm('');
    onCreate?.(typed);
  };

  return (
    <div className="relative">
      <label htmlFor={inputId} className="sr-only">
        {t('searchLabel')}
      </label>
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-slate-500" aria-hidden />
        <input
          id={inputId}
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          value={term}
          disabled={disabled}
          autoComplete="off"
          placeholder={t('searchPlaceholder')}
          data-testid="client-search"
          onChange={(e) => {
            setTerm(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 120)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setOpen(true);
              setActive((i) => Math.min(optionCount - 1, i + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(-1, i - 1));
            } else if (e.key === 'Enter' && open && offerCreate) {
              // nothing matches: Enter creates the client from what was typed
              e.preventDefault();
              create();
            } else if (e.key === 'Enter' && open && active >= 0 && list[active]) {
              e.preventDefault();
              pick(list[active]);
            } else if (e.key === 'Escape' && open) {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
            }
          }}
          className={clsx(inputClass, 'pl-8')}
        />
      </div>
      {expanded && (
        <div className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg">
          {state === 'idle' && results !== null && list.length === 0 && (
            <p className={clsx('px-2.5 text-[12px] text-slate-500', offerCreate ? 'pt-2 pb-0' : 'pt-2 pb-1')} data-testid="client-search-empty">
              {typed ? t('noMatch', { term: typed }) : t('noClients')}
            </p>
          )}
          <ul id={listId} role="listbox" aria-label={t('results')} className="max-h-64 overflow-y-auto py-1" data-testid="client-search-results">
            {list.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(c)}
                className={clsx('cursor-pointer px-2.5 py-1.5', i === active ? 'bg-brand-50' : 'hover:bg-slate-50')}
              >
                <span className="block truncate text-[13px] font-medium text-slate-900">{c.name}</span>
                {(c.phone || c.email) && <span className="block truncate text-[11.5px] text-slate-500">{[formatPhone(c.phone), c.email].filter(Boolean).join(' · ')}</span>}
              </li>
            ))}
            {offerCreate && (
              <li
                id={`${listId}-0`}
                role="option"
                aria-selected={active === 0}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(0)}
                onClick={create}
                data-testid="client-search-create"
                className={clsx('flex cursor-pointer items-center gap-2 px-2.5 py-1.5 text-[13px] font-medium text-brand-700', active === 0 ? 'bg-brand-50' : 'hover:bg-slate-50')}
              >
                <UserPlus className="size-3.5 shrink-0" aria-hidden />
                <span className="min-w-0 truncate">{ts('createNamed', { name: typed })}</span>
              </li>
            )}
          </ul>
          {state === 'loading' && list.length === 0 && <p className="px-2.5 py-2 text-[12px] text-slate-500">{t('searching')}</p>}
          {state === 'error' && (
            <p role="alert" className="px-2.5 py-2 text-[12px] text-red-600">
              {t('searchError')}
            </p>
          )}
          {state === 'idle' && more && <p className="border-t border-slate-100 px-2.5 py-1.5 text-[11.5px] text-slate-500">{t('refine')}</p>}
        </div>
      )}
    </div>
  );
}

/** Name, phone and e-mail of a new client. */
export function CreateClientForm({
  initialName = '',
  initialPhone = '',
  submitLabel,
  onCreated,
  onCancel,
  compact = true,
}: {
  initialName?: string;
  initialPhone?: string;
  submitLabel: string;
  onCreated(client: ClientSummaryFragment): void | Promise<void>;
  onCancel(): void;
  compact?: boolean;
}) {
  const t = useTranslations('clients.form');
  const client = useClient();
  const ids = { name: useId(), phone: useId(), email: useId() };
  const [name, setName] = useState(initialName);
  const [phone, setPhone] = useState(initialPhone);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(CreateClientMutation), { name: name.trim(), phone: phone.trim() || null, email: email.trim() || null }).toPromise();
    if (result.data?.createClient) {
      await onCreated(result.data.createClient);
      setBusy(false);
      return;
    }
    setBusy(false);
    const failure = userError(result.error);
    setError(failure?.message ?? (failure?.code === 'NETWORK' ? t('networkError') : t('error')));
  };

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="create-client-form" noValidate>
      <div>
        <label htmlFor={ids.name} className={labelClass}>
          {t('name')}
        </label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" className={inputClass} />
      </div>
      <div className={compact ? 'space-y-2' : 'grid grid-cols-2 gap-3'}>
        <div>
          <label htmlFor={ids.phone} className={labelClass}>
            {t('phone')}
          </label>
          <input id={ids.phone} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" className={inputClass} />
        </div>
        <div>
          <label htmlFor={ids.email} className={labelClass}>
            {t('email')}
          </label>
          <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" className={inputClass} />
        </div>
      </div>
      {error && (
        <p role="alert" className="text-[12px] text-red-600" data-testid="create-client-error">
          {error}
        </p>
      )}
      <div className="flex items-center gap-2 pt-1">
        <button type="submit" disabled={busy} className={primaryButton}>
          {busy && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} className={ghostButton}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
