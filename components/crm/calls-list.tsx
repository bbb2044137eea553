'use client';

import { PhoneIncoming, PhoneOutgoing, Phone } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { useClient } from 'urql';
import type { CallsQuery as CallsResult } from '../../graphql-client/graphql';
import { doc } from '../../lib/ui/gql';
import { useChatTime } from '../chats/time';
import { clientHref } from '../clients/client-sections';
import { ClientPhone } from '../phone/client-phone';
import { toListPage, type ListPage } from '../ui/list-page';
import { usePagedSearch } from '../ui/use-paged-search';
import { CrmListFrame, tdClass, thClass } from './crm-list';
import { Dash } from './documents-list';
import { CALLS_PAGE } from './paging';
import { CallsQuery } from './queries';

type CallRow = CallsResult['calls']['edges'][number]['node'];

/** The call log a telephony integration feeds (`logCall`): client, number, direction, time, length. */
export function CallsList({ initialPage }: { initialPage: ListPage<CallRow> | null }) {
  const t = useTranslations('anywhere.calls');
  const nav = useTranslations('nav');
  const gql = useClient();
  const time = useChatTime();
  const fetchPage = useCallback(
    async (_search: string, after: string | null) => {
      const result = await gql.query(doc(CallsQuery), { first: CALLS_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      return toListPage(result.data?.calls);
    },
    [gql],
  );
  const list = usePagedSearch({ initialSearch: '', initialPage, fetchPage });
  const duration = (seconds: number | null | undefined) =>
    seconds == null ? null : seconds < 60 ? t('seconds', { s: seconds }) : t('minutes', { m: Math.floor(seconds / 60), s: String(seconds % 60).padStart(2, '0') });
  const direction = (call: CallRow) =>
    call.direction === 'INBOUND' ? (
      <span className="inline-flex items-center gap-1 text-slate-700">
        <PhoneIncoming className="size-3.5 text-emerald-600" aria-hidden />
        {t('inbound')}
      </span>
    ) : (
      <span className="inline-flex items-center gap-1 text-slate-700">
        <PhoneOutgoing className="size-3.5 text-sky-600" aria-hidden />
        {t('outbound')}
      </span>
    );
  const client = (call: CallRow) =>
    call.client ? (
      <Link href={clientHref(call.client.id)} className="text-slate-800 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
        {call.client.name}
      </Link>
    ) : (
      <span className="text-slate-500">{t('unknownClient')}</span>
    );

  return (
    <CrmListFrame
      title={nav('calls')}
      icon={Phone}
      state={list.state}
      count={list.rows.length}
      hasNext={list.page?.hasNext ?? false}
      more={list.more}
      onMore={() => void list.loadMore()}
      onRetry={list.retry}
      empty={{ title: t('empty'), hint: t('emptyHint') }}
      testId="calls"
      table={
        <table className="w-full text-[13px]" data-testid="calls-table">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={thClass}>{t('client')}</th>
              <th scope="col" className={thClass}>{t('phone')}</th>
              <th scope="col" className={thClass}>{t('direction')}</th>
              <th scope="col" className={thClass}>{t('time')}</th>
              <th scope="col" className={thClass}>{t('duration')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((call) => (
              <tr key={call.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="call-row">
                <td className={tdClass}>{client(call)}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <ClientPhone phone={call.phone} clientId={call.client?.id} />
                </td>
                <td className={tdClass}>{direction(call)}</td>
                <td className={`${tdClass} whitespace-nowrap text-slate-600 tabular-nums`} suppressHydrationWarning>
                  {time.full(call.startedAt)}
                </td>
                <td className={`${tdClass} text-slate-600 tabular-nums`}>{duration(call.durationSeconds) ?? <Dash />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
      cards={list.rows.map((call) => (
        <li key={call.id} className="rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-[13px]" data-testid="call-card">
          <div className="flex items-center gap-2">
            <span className="min-w-0 flex-1 truncate font-medium">{client(call)}</span>
            {direction(call)}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 text-[12.5px] text-slate-600">
            <ClientPhone phone={call.phone} clientId={call.client?.id} />
            <span className="tabular-nums" suppressHydrationWarning>
              {time.full(call.startedAt)}
            </span>
            {call.durationSeconds != null && <span className="ml-auto tabular-nums">{duration(call.durationSeconds)}</span>}
          </div>
        </li>
      ))}
    />
  );
}
