'use client';

import { PhoneIncoming, PhoneOutgoing, Phone } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useCallback } from 'react';
import type { CallsQuery as CallsResult } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { useChatTime } from '../chats/time';
import { clientHref } from '../clients/client-sections';
import { ClientPhone } from '../phone/client-phone';
import { toListPage, type ListPage } from '../ui/list-page';
import { usePagedSearch } from '../ui/use-paged-search';
import { CrmListFrame } from './crm-list';
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
      rows={list.rows}
      hasNext={list.page?.hasNext ?? false}
      more={list.more}
      onMore={() => void list.loadMore()}
      onRetry={list.retry}
      empty={{ title: t('empty'), hint: t('emptyHint') }}
      testId="calls"
      rowTestId="call"
      columns={[
        { label: t('client'), cell: client },
        { label: t('phone'), cell: (call) => <ClientPhone phone={call.phone} clientId={call.client?.id} />, className: 'whitespace-nowrap' },
        { label: t('direction'), cell: direction },
        { label: t('time'), cell: (call) => <span suppressHydrationWarning>{time.full(call.startedAt)}</span>, className: 'whitespace-nowrap text-slate-600 tabular-nums' },
        { label: t('duration'), cell: (call) => duration(call.durationSeconds) ?? <Dash />, className: 'text-slate-600 tabular-nums' },
      ]}
      card={(call) => (
        <>
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
        </>
      )}
    />
  );
}
