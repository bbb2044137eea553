'use client';

import { ArrowLeft, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from '../../lib/ui/intl';
import { useState, type ReactNode } from 'react';
import type { ClientDetailsFragment } from '../../graphql-client/graphql';
import { useCan } from '../providers/viewer-provider';
import { RetryAlert } from '../ui/retry-alert';
import { ClientCard, ClientChatList, CreateDocumentForm, DocumentList } from './client-sections';
import { StartChatButton } from './start-chat';
import { useClientDetails } from './use-client-details';

/** The client page: card, "+ Chat", their chats in every channel and all their documents, live. */
export function ClientView({ clientId, initial, missing = false }: { clientId: string; initial: ClientDetailsFragment | null; missing?: boolean }) {
  const t = useTranslations('clients.page');
  const canChat = useCan('CHATS');
  const canDocuments = useCan('DOCUMENTS');
  const { details, state, reload, addDocument } = useClientDetails(clientId, initial, missing);
  const [newDocument, setNewDocument] = useState<string | null>(null);

  return (
    <main className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto max-w-5xl px-4 py-6 md:px-8">
        <Link href="/clients" className="inline-flex items-center gap-1 rounded text-[12.5px] font-medium text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500">
          <ArrowLeft className="size-3.5" aria-hidden />
          {t('back')}
        </Link>
        {!details ? (
          state === 'missing' ? (
            <div className="mt-10 flex flex-col items-center gap-2 text-center text-slate-500" data-testid="client-missing">
              <SearchX className="size-7 text-slate-400" aria-hidden />
              <h1 className="font-medium text-slate-700">{t('missing')}</h1>
              <p className="text-[12.5px]">{t('missingHint')}</p>
            </div>
          ) : state === 'error' ? (
            <RetryAlert message={t('error')} retryLabel={t('retry')} onRetry={reload} className="mt-10 text-slate-600" />
          ) : (
            <div aria-busy="true" className="mt-4 h-24 animate-pulse rounded-lg bg-slate-100" />
          )
        ) : (
          <>
            <div className="mt-3">
              <ClientCard
                client={details}
                heading="h1"
                linkName={false}
                actions={canChat ? <StartChatButton client={details} chats={details.chats} /> : undefined}
              />
            </div>
            <div className="mt-5 grid gap-5 lg:grid-cols-2">
              {canChat && (
                <Panel title={t('chats', { count: details.chats.length })}>
                  <ClientChatList chats={details.chats} />
                </Panel>
              )}
              {canDocuments && (
                <Panel title={t('documents', { count: details.documents.length })}>
                  <DocumentList documents={details.documents} highlight={newDocument} />
                  <div className="mt-3 border-t border-slate-100 pt-3">
                    <h3 className="mb-1.5 text-[12px] font-medium text-slate-700">{t('newDocument')}</h3>
                    <CreateDocumentForm
                      clientId={details.id}
                      onCreated={(document) => {
                        addDocument(document);
                        setNewDocument(document.id);
                      }}
                    />
                  </div>
                </Panel>
              )}
            </div>
          </>
        )}
      </div>
    </main>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <h2 className="mb-2.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      {children}
    </section>
  );
}
