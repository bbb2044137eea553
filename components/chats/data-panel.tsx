'use client';

import { clsx } from 'clsx';
import { Pencil, RotateCw } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useState, type ReactNode } from 'react';
import type { ChatFieldsFragment } from '../../graphql-client/graphql';
import { ClientLinker } from '../clients/client-linker';
import { ClientCard, ClientChatList, ClientPageLink, CreateDocumentForm, DocumentList } from '../clients/client-sections';
import { StartChatButton } from '../clients/start-chat';
import { useClientDetails } from '../clients/use-client-details';
import { useCan } from '../providers/viewer-provider';
import { ghostButton } from '../ui/form';
import { PhoneNumber } from '../ui/phone-number';
import { Skeleton } from '../ui/skeleton';
import { Avatar } from './avatar';
import { ChannelIcon } from './channel-icon';
import type { ChatItem } from './inbox-state';

interface DataPanelProps {
  chat: ChatItem;
  /** A mutation here changed the chat (linked a client): show it everywhere. */
  onChatUpdated(chat: ChatFieldsFragment): void;
  /** Opens another chat of the client in the inbox. */
  onOpenChat(chatId: string): void;
  /** `column`: the third pane from 1280 px; `drawer`: the same inside the drawer below that. */
  variant?: 'column' | 'drawer';
}

/**
 * The right-hand panel (F8): who is writing, then the CRM client the chat is linked to — link
 * or create one, their card, their chats across channels and all their documents.
 */
export function DataPanel({ chat, onChatUpdated, onOpenChat, variant = 'column' }: DataPanelProps) {
  const t = useTranslations('chats.panel');
  const ts = useTranslations('chatScreens.panel');
  const canClients = useCan('CLIENTS');
  const canDocuments = useCan('DOCUMENTS');
  const canChat = useCan('CHATS');
  const { contact, channel, client } = chat;
  const [changing, setChanging] = useState(false);
  const { details, state, reload, addDocument } = useClientDetails(client?.id ?? null);
  const [newDocument, setNewDocument] = useState<string | null>(null);

  useEffect(() => {
    setChanging(false);
    setNewDocument(null);
  }, [chat.id, client?.id]);

  return (
    <aside
      aria-label={t('label')}
      className={clsx('shrink-0 flex-col overflow-y-auto bg-white', variant === 'column' ? 'hidden w-[300px] border-l border-slate-200 xl:flex' : 'flex min-h-0 flex-1')}
      data-testid={variant === 'column' ? 'data-panel' : 'drawer-data-panel'}
    >
      <Section title={t('requester')}>
        <div className="flex items-center gap-2.5">
          <Avatar name={client?.name ?? contact.displayName} url={contact.avatarUrl} seed={chat.id} size={40} />
          <div className="min-w-0">
            <p className="truncate font-semibold text-slate-900">{chat.title}</p>
            {!contact.displayName && <p className="text-[12px] text-slate-500">{t('nameHidden')}</p>}
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-[12.5px]">
          {contact.phone ? (
            <Row label={t('phone')} testId="panel-phone">
              <PhoneNumber value={contact.phone} />
            </Row>
          ) : client?.phone ? (
            <Row label={t('phone')} testId="panel-phone">
              <PhoneNumber value={client.phone} />
              <span className="block text-[11.5px] text-slate-500">{ts('phoneFromClient')}</span>
            </Row>
          ) : null}
          {contact.username && <Row label={t('username')}>@{contact.username}</Row>}
          <Row label={t(`channelOf.${channel.kind}`)}>
            <span className="flex min-w-0 items-center gap-1.5">
              <ChannelIcon kind={channel.kind} />
              <span className="truncate">{channel.name}</span>
            </span>
          </Row>
          <Row label={t('platform')}>{t(`kind.${channel.kind}`)}</Row>
          <Row label={t('platformId')}>
            <span className="font-mono text-[11.5px] break-all text-slate-600">{contact.externalId}</span>
          </Row>
        </dl>
      </Section>

      <Section title={t('client')} testId="panel-client">
        {!canClients ? (
          <p className="text-[12.5px] text-slate-500">{client ? client.name : t('noClientAccess')}</p>
        ) : !client || changing ? (
          <>
            {!client && <p className="mb-2 text-[12.5px] text-slate-500">{t('noClient')}</p>}
            {changing && <p className="mb-2 text-[12.5px] text-slate-500">{t('changeHint', { name: client?.name ?? '' })}</p>}
            <ClientLinker
              chat={chat}
              onLinked={(updated) => {
                setChanging(false);
                onChatUpdated(updated);
              }}
              onCancel={changing ? () => setChanging(false) : undefined}
            />
          </>
        ) : (
          <ClientCard
            client={details && details.id === client.id ? details : client}
            corner={
              <button type="button" onClick={() => setChanging(true)} className={clsx(ghostButton, '-mt-0.5 -mr-1 px-1.5 py-0.5')} title={t('change')} data-testid="change-client">
                <Pencil className="size-3" aria-hidden />
                <span className="sr-only">{t('change')}</span>
                <span aria-hidden>{t('changeShort')}</span>
              </button>
            }
            actions={
              <>
                <ClientPageLink clientId={client.id} />
                {canChat && details && details.id === client.id && (
                  <StartChatButton
                    client={details}
                    chats={details.chats}
                    variant="ghost"
                    onStarted={(started) => {
                      onChatUpdated(started);
                      onOpenChat(started.id);
                    }}
                  />
                )}
              </>
            }
          />
        )}
      </Section>

      {canClients && client && !changing && (
        <>
          {state === 'error' && !details && (
            <div role="alert" className="flex items-center gap-2 px-4 py-3 text-[12.5px] text-slate-600">
              {t('clientError')}
              <button type="button" onClick={reload} className={ghostButton}>
                <RotateCw className="size-3" aria-hidden />
                {t('retry')}
              </button>
            </div>
          )}
          {state === 'loading' && !details && <PanelSkeleton />}
          {details && details.id === client.id && (
            <>
              <Section title={t('clientChats', { count: details.chats.length })}>
                <ClientChatList chats={details.chats} currentChatId={chat.id} onOpen={onOpenChat} />
              </Section>
              {canDocuments && (
                <Section title={t('documents', { count: details.documents.length })} testId="panel-documents">
                  <DocumentList documents={details.documents} highlight={newDocument} />
                  <div className="mt-3">
                    <h3 className="mb-1.5 text-[12px] font-medium text-slate-700">{t('newDocument')}</h3>
                    <CreateDocumentForm
                      clientId={client.id}
                      chatId={chat.id}
                      onCreated={(document) => {
                        addDocument(document);
                        setNewDocument(document.id);
                      }}
                    />
                  </div>
                </Section>
              )}
            </>
          )}
        </>
      )}
    </aside>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="border-b border-slate-100 px-4 py-3.5" data-testid={testId}>
      <h2 className="mb-2.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function PanelSkeleton() {
  return (
    <Skeleton className="space-y-2 px-4 py-3.5" bars={['h-2.5 w-1/3 rounded bg-slate-200', 'h-8 rounded bg-slate-100', 'h-8 rounded bg-slate-100']} />
  );
}
