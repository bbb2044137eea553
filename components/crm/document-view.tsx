'use client';

import { ChevronLeft } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import type { DocumentKind, DocumentRowFragment } from '../../graphql-client/graphql';
import { useChatTime } from '../chats/time';
import { clientHref, DocumentKindBadge, DocumentStatus } from '../clients/client-sections';
import { ClientPhone } from '../phone/client-phone';

const SECTION: Record<DocumentKind, 'leads' | 'orders' | 'estimates' | 'invoices'> = { LEAD: 'leads', ORDER: 'orders', ESTIMATE: 'estimates', INVOICE: 'invoices' };

/** One lead, order, estimate or invoice: what it is, for whom (phone with the client card), when. */
export function DocumentView({ document: d }: { document: DocumentRowFragment }) {
  const t = useTranslations('anywhere.documents');
  const nav = useTranslations('nav');
  const time = useChatTime();
  const section = SECTION[d.kind];
  return (
    <main className="min-h-0 flex-1 overflow-y-auto" data-testid="document-page">
      <div className="mx-auto max-w-3xl px-4 py-6 md:px-8">
        <Link href={`/${section}`} className="-ml-1 inline-flex min-h-9 items-center gap-1 rounded px-1 text-[13px] text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 max-md:min-h-11">
          <ChevronLeft className="size-4" aria-hidden />
          {nav(section)}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <DocumentKindBadge kind={d.kind} />
          <span className="font-mono text-[13px] font-medium text-slate-700" data-testid="document-number">
            {d.number}
          </span>
          <DocumentStatus status={d.status} />
        </div>
        <h1 className="mt-1 text-[19px] font-semibold text-slate-900">{d.title}</h1>
        <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-[13.5px]">
          <dt className="text-slate-500">{t('client')}</dt>
          <dd className="min-w-0" data-testid="document-client">
            {d.client ? (
              <Link href={clientHref(d.client.id)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {d.client.name}
              </Link>
            ) : (
              <span className="text-slate-500">—</span>
            )}
          </dd>
          <dt className="text-slate-500">{t('phone')}</dt>
          <dd>{d.client?.phone ? <ClientPhone phone={d.client.phone} clientId={d.client.id} /> : <span className="text-slate-500">—</span>}</dd>
          <dt className="text-slate-500">{t('date')}</dt>
          <dd className="text-slate-700 tabular-nums" suppressHydrationWarning>
            {time.full(d.createdAt)}
          </dd>
        </dl>
      </div>
    </main>
  );
}
