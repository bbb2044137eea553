'use client';

import { clsx } from 'clsx';
import { LoaderCircle, Plus, RotateCw, Users } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import { useCallback, useState } from 'react';
import { doc, useClient } from '../../lib/ui/gql';
import { ChannelIcon } from '../chats/channel-icon';
import { useCan } from '../providers/viewer-provider';
import { Dialog } from '../ui/dialog';
import { primaryButton, secondaryButton } from '../ui/form';
import { ClientPhone } from '../phone/client-phone';
import { RetryAlert } from '../ui/retry-alert';
import { SearchField } from '../ui/search-field';
import { usePagedSearch } from '../ui/use-paged-search';
import { CreateClientForm } from './client-linker';
import { clientHref } from './client-sections';
import { CLIENTS_PAGE, toClientsPage, type ClientsPage } from './paging';
import { ClientsQuery } from './queries';

/** The CRM's client list: search by name, phone or e-mail as you type, page on, add a client. */
export function ClientsList({ initialSearch, initialPage }: { initialSearch: string; initialPage: ClientsPage | null }) {
  const t = useTranslations('clients.list');
  const gql = useClient();
  const router = useRouter();
  const canChat = useCan('CHATS');
  const [creating, setCreating] = useState(false);
  const fetchPage = useCallback(
    async (term: string, after: string | null) => {
      const result = await gql.query(doc(ClientsQuery), { search: term.trim() || null, first: CLIENTS_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      return toClientsPage(result.data);
    },
    [gql],
  );
  const { search, setSearch, page, rows, state, more, loadMore, retry } = usePagedSearch({ initialSearch, initialPage, fetchPage });

  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl px-4 py-6 md:px-8">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="flex-1 text-[17px] font-semibold text-slate-900">{t('title')}</h1>
          <button type="button" onClick={() => setCreating(true)} className={primaryButton} data-testid="new-client">
            <Plus className="size-4" aria-hidden />
            {t('new')}
          </button>
        </div>
        <SearchField
          className="mt-4 max-w-md"
          label={t('searchLabel')}
          busyLabel={t('loading')}
          busy={state === 'loading'}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('searchPlaceholder')}
          data-testid="clients-search"
          inputClassName="py-2"
        />

        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white" aria-busy={state === 'loading'}>
          {state === 'error' ? (
            <RetryAlert message={t('error')} retryLabel={t('retry')} onRetry={retry} className="px-6 py-10 text-slate-600" />
          ) : rows.length === 0 && state === 'ready' ? (
            <div className="flex flex-col items-center gap-2 px-6 py-12 text-center text-slate-500">
              <Users className="size-6 text-slate-400" aria-hidden />
              <p className="font-medium text-slate-700">{search.trim() ? t('noMatch', { term: search.trim() }) : t('empty')}</p>
              <p className="text-[12.5px]">{search.trim() ? t('noMatchHint') : t('emptyHint')}</p>
            </div>
          ) : (
            <table className={clsx('w-full text-[13px]', state === 'loading' && 'opacity-60')} data-testid="clients-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-[11.5px] tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t('name')}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t('phone')}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t('email')}
                  </th>
                  {canChat && (
                    <th scope="col" className="px-4 py-2 font-semibold">
                      {t('chats')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const channels = [...new Map(row.chats.map((c) => [c.channel.id, c.channel])).values()];
                  return (
                    <tr key={row.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="client-row">
                      <td className="px-4 py-2">
                        <Link href={clientHref(row.id)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                          {row.name}
                        </Link>
                      </td>
                      <td className="px-4 py-2 text-slate-700">{row.phone ? <ClientPhone phone={row.phone} clientId={row.id} /> : <span className="text-slate-500">—</span>}</td>
                      <td className="px-4 py-2 text-slate-700">{row.email ?? <span className="text-slate-500">—</span>}</td>
                      {canChat && (
                        <td className="px-4 py-2">
                          {channels.length === 0 ? (
                            <span className="text-slate-500">—</span>
                          ) : (
                            <span className="flex items-center gap-1.5">
                              {channels.map((c) => (
                                <ChannelIcon key={c.id} kind={c.kind} label={c.name} />
                              ))}
                              <span className="text-[12px] text-slate-600">{t('chatCount', { count: row.chats.length })}</span>
                            </span>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        {page?.hasNext && state === 'ready' && (
          <div className="mt-3 flex justify-center">
            <button type="button" onClick={() => void loadMore()} disabled={more === 'loading'} className={secondaryButton} data-testid="clients-more">
              {more === 'loading' ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : more === 'error' ? <RotateCw className="size-3.5" aria-hidden /> : null}
              {more === 'error' ? t('moreFailed') : t('more')}
            </button>
          </div>
        )}
        {state === 'ready' && rows.length > 0 && (
          <p className="mt-2 text-center text-[12px] text-slate-500" role="status">
            {page?.hasNext ? t('shownMore', { count: rows.length }) : t('shownAll', { count: rows.length })}
          </p>
        )}
      </div>
      {creating && (
        <Dialog title={t('newTitle')} closeLabel={t('close')} onClose={() => setCreating(false)} testId="new-client-dialog">
          <CreateClientForm
            compact={false}
            initialName={search.trim() && !/\d|@/.test(search) ? search.trim() : ''}
            submitLabel={t('create')}
            onCancel={() => setCreating(false)}
            onCreated={(created) => {
              setCreating(false);
              router.push(clientHref(created.id));
            }}
          />
        </Dialog>
      )}
    </main>
  );
}
