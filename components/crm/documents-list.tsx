'use client';

import { FileText } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useCallback } from 'react';
import type { DocumentKind, DocumentRowFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { clientHref, DocumentKindBadge, DocumentStatus, useDocumentDate } from '../clients/client-sections';
import { ClientPhone } from '../phone/client-phone';
import { toListPage, type ListPage } from '../ui/list-page';
import { usePagedSearch } from '../ui/use-paged-search';
import { CrmListFrame } from './crm-list';
import { DOCUMENTS_PAGE, documentHref } from './paging';
import { DocumentsQuery } from './queries';


/** Leads, Orders, Estimates or Invoices: the documents of one kind, searchable, newest first. */
export function DocumentsList({ kind, section, initialSearch, initialPage }: { kind: DocumentKind; section: string; initialSearch: string; initialPage: ListPage<DocumentRowFragment> | null }) {
  const t = useTranslations('anywhere.documents');
  const nav = useTranslations('nav');
  const gql = useClient();
  const date = useDocumentDate();
  const fetchPage = useCallback(
    async (search: string, after: string | null) => {
      const result = await gql.query(doc(DocumentsQuery), { kind, search: search.trim() || null, first: DOCUMENTS_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      return toListPage(result.data?.documents);
    },
    [gql, kind],
  );
  const list = usePagedSearch({ initialSearch, initialPage, fetchPage });
  const searching = list.search.trim();

  return (
    <CrmListFrame
      title={nav(section)}
      icon={FileText}
      search={{ value: list.search, onChange: list.setSearch, label: t('searchLabel'), placeholder: t('searchPlaceholder') }}
      state={list.state}
      rows={list.rows}
      hasNext={list.page?.hasNext ?? false}
      more={list.more}
      onMore={() => void list.loadMore()}
      onRetry={list.retry}
      empty={searching ? { title: t('noMatch', { term: searching }), hint: t('noMatchHint') } : { title: t('empty'), hint: t('emptyHint') }}
      testId="documents"
      rowTestId="document"
      columns={[
        {
          label: t('number'),
          cell: (d) => (
            <Link href={documentHref(d.id)} className="font-mono font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
              {d.number}
            </Link>
          ),
        },
        { label: t('title'), cell: (d) => d.title, className: 'max-w-72 text-slate-800' },
        { label: t('client'), cell: (d) => (d.client ? <ClientName client={d.client} /> : <Dash />) },
        { label: t('phone'), cell: (d) => (d.client?.phone ? <ClientPhone phone={d.client.phone} clientId={d.client.id} /> : <Dash />), className: 'whitespace-nowrap' },
        { label: t('status'), cell: (d) => <DocumentStatus status={d.status} /> },
        { label: t('date'), cell: (d) => <span suppressHydrationWarning>{date(d.createdAt)}</span>, className: 'whitespace-nowrap text-slate-600 tabular-nums' },
      ]}
      card={(d) => (
        <>
          <div className="flex items-center gap-2 text-[12.5px]">
            <DocumentKindBadge kind={d.kind} />
            <Link href={documentHref(d.id)} className="-my-2 flex min-h-11 items-center font-mono font-medium text-slate-900 hover:underline">
              {d.number}
            </Link>
            <span className="flex-1" />
            <DocumentStatus status={d.status} />
          </div>
          <p className="mt-1 text-[13.5px] text-slate-900">{d.title}</p>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[12.5px] text-slate-600">
            {d.client && <ClientName client={d.client} />}
            {d.client?.phone && <ClientPhone phone={d.client.phone} clientId={d.client.id} />}
            <span className="ml-auto tabular-nums" suppressHydrationWarning>
              {date(d.createdAt)}
            </span>
          </div>
        </>
      )}
    />
  );
}

function ClientName({ client }: { client: { id: string; name: string } }) {
  return (
    <Link href={clientHref(client.id)} className="text-slate-800 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
      {client.name}
    </Link>
  );
}

export function Dash() {
  return <span className="text-slate-500">—</span>;
}
