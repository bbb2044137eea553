'use client';

import { Mail, Phone, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Avatar } from './avatar';
import { ChannelIcon } from './channel-icon';
import type { ChatItem } from './inbox-state';

/**
 * The right-hand panel: who is writing, then the CRM client they are linked to.
 * (Linking a client, their other chats and documents come in later sections of this panel.)
 */
export function DataPanel({ chat }: { chat: ChatItem }) {
  const t = useTranslations('chats.panel');
  const { contact, channel, client } = chat;
  return (
    <aside aria-label={t('label')} className="hidden w-[288px] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-white xl:flex" data-testid="data-panel">
      <Section title={t('requester')}>
        <div className="flex items-center gap-2.5">
          <Avatar name={contact.displayName} url={contact.avatarUrl} seed={chat.id} size={40} />
          <div className="min-w-0">
            <p className="truncate font-semibold text-slate-900">{chat.title}</p>
            {!contact.displayName && <p className="text-[12px] text-slate-500">{t('nameHidden')}</p>}
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-[12.5px]">
          {contact.phone && <Row label={t('phone')}>{contact.phone}</Row>}
          {contact.username && <Row label={t('username')}>@{contact.username}</Row>}
          <Row label={t('channel')}>
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

      <Section title={t('client')}>
        {client ? (
          <div className="rounded-md border border-slate-200 p-2.5" data-testid="client-card">
            <p className="flex items-center gap-1.5 font-semibold text-slate-900">
              <UserRound className="size-3.5 text-slate-400" aria-hidden />
              {client.name}
            </p>
            <ul className="mt-1.5 space-y-1 text-[12.5px] text-slate-600">
              {client.phone && (
                <li className="flex items-center gap-1.5">
                  <Phone className="size-3 text-slate-400" aria-hidden />
                  <a href={`tel:${client.phone.replace(/\s+/g, '')}`} className="hover:text-brand-700 hover:underline">
                    {client.phone}
                  </a>
                </li>
              )}
              {client.email && (
                <li className="flex items-center gap-1.5">
                  <Mail className="size-3 text-slate-400" aria-hidden />
                  <a href={`mailto:${client.email}`} className="truncate hover:text-brand-700 hover:underline">
                    {client.email}
                  </a>
                </li>
              )}
            </ul>
          </div>
        ) : (
          <p className="text-[12.5px] text-slate-500">{t('noClient')}</p>
        )}
      </Section>
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-100 px-4 py-3.5">
      <h2 className="mb-2.5 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </>
  );
}
