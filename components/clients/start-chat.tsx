'use client';

import { clsx } from 'clsx';
import { Info, LoaderCircle, MessagesSquare, SendHorizontal } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useMemo, useState } from 'react';
import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelKind, ChannelState, ChatFieldsFragment, ClientChatFragment, MessageTemplateFieldsFragment } from '../../graphql-client/graphql';
import { formatPhone } from '../../lib/phone';
import { MAX_TEXT_LENGTH, textLength } from '../../lib/text-limits';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { ChannelIcon } from '../chats/channel-icon';
import { TemplateFields, useTemplateChoice } from '../chats/template-picker';
import { Dialog } from '../ui/dialog';
import { ghostButton, inputClass, labelClass, primaryButton, secondaryButton } from '../ui/form';
import { chatHref } from './client-sections';
import { StartChatChannelsQuery, StartChatMutation } from './queries';

interface ChannelOption {
  id: string;
  kind: ChannelKind;
  name: string;
  state: ChannelState;
  /** Who the client is there (the chat's title or @username). */
  as: string;
  /** WhatsApp reached by the client's phone number rather than through a chat. */
  phone?: string;
  /** WhatsApp: whether the client has an open chat there (else only a template can start one). */
  open?: boolean;
  templates?: MessageTemplateFieldsFragment[];
}

/** The channels where the client already has an identity: the channels of their chats, once each. */
export function reachableChannels(chats: ClientChatFragment[]): ChannelOption[] {
  const seen = new Map<string, ChannelOption>();
  for (const chat of chats) {
    const known = seen.get(chat.channel.id);
    if (!known) seen.set(chat.channel.id, { ...chat.channel, as: chat.contact.username ? `@${chat.contact.username}` : chat.title, open: chat.status === 'OPEN' });
    else if (chat.status === 'OPEN') known.open = true;
  }
  return [...seen.values()];
}

/** F11 "+ Chat": pick one of the client's channels, write the first message, go to the chat. */
export function StartChatButton({
  client,
  chats,
  onStarted,
  variant = 'secondary',
}: {
  client: { id: string; name: string; phone?: string | null };
  chats: ClientChatFragment[];
  onStarted?(chat: ChatFieldsFragment): void;
  variant?: 'secondary' | 'ghost';
}) {
  const t = useTranslations('clients.startChat');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={clsx(variant === 'ghost' ? ghostButton : secondaryButton, variant === 'ghost' && 'text-brand-700')} data-testid="start-chat">
        <MessagesSquare className="size-3.5" aria-hidden />
        {t('button')}
      </button>
      {open && <StartChatDialog client={client} chats={chats} onClose={() => setOpen(false)} onStarted={onStarted} />}
    </>
  );
}

function StartChatDialog({
  client,
  chats,
  onClose,
  onStarted,
}: {
  client: { id: string; name: string; phone?: string | null };
  chats: ClientChatFragment[];
  onClose(): void;
  onStarted?(chat: ChatFieldsFragment): void;
}) {
  const t = useTranslations('clients.startChat');
  const router = useRouter();
  const gql = useClient();
  const known = useMemo(() => reachableChannels(chats), [chats]);
  const phone = client.phone?.trim() || null;
  // WhatsApp reaches the client by phone number: every WhatsApp channel the viewer can see
  const [whatsapp, setWhatsapp] = useState<ChannelOption[] | null>(null);
  useEffect(() => {
    let live = true;
    void gql
      .query(doc(StartChatChannelsQuery), {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!live) return;
        const list = (result.data?.channels ?? []).filter((c) => capabilitiesOf(c.kind).startsChatByPhone);
        setWhatsapp(list.map((c) => ({ id: c.id, kind: c.kind, name: c.name, state: c.state, as: '', phone: phone ?? undefined, templates: c.templates })));
      });
    return () => {
      live = false;
    };
  }, [gql, phone]);
  // without a phone number WhatsApp cannot be offered, but the hint says whether a number is connected
  const whatsappConnected = (whatsapp ?? []).length > 0;
  const channels = useMemo(() => {
    const list = known.map((c) => {
      const byPhone = whatsapp?.find((w) => w.id === c.id);
      return byPhone ? { ...c, templates: byPhone.templates } : c;
    });
    if (phone) for (const w of whatsapp ?? []) if (!list.some((c) => c.id === w.id)) list.push(w);
    return list;
  }, [known, whatsapp, phone]);
  const usable = channels.filter((c) => c.state === 'CONNECTED');
  const [picked, setChannelId] = useState('');
  const channelId = picked || usable[0]?.id || '';
  const selected = channels.find((c) => c.id === channelId);
  const [forceTemplate, setForceTemplate] = useState<string | null>(null);
  const templateMode = !!selected && capabilitiesOf(selected.kind).templates && (!selected.open || forceTemplate === selected.id);
  const choice = useTemplateChoice(templateMode ? (selected?.templates ?? null) : null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const counterId = useId();
  const length = textLength(text);
  const tooLong = length > MAX_TEXT_LENGTH;
  const ready = templateMode ? choice.input !== null : text.trim().length > 0 && !tooLong;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!channelId || !ready) return;
    setBusy(true);
    setError(null);
    const variables = templateMode ? { clientId: client.id, channelId, text: '', template: choice.input } : { clientId: client.id, channelId, text };
    const result = await gql.mutation(doc(StartChatMutation), variables).toPromise();
    const chat = result.data?.startChat;
    if (chat) {
      onClose();
      if (onStarted) onStarted(chat);
      else router.push(chatHref(chat.id));
      return;
    }
    setBusy(false);
    const failure = userError(result.error);
    if (!templateMode && result.error?.graphQLErrors[0]?.extensions?.block === 'TEMPLATE_REQUIRED') {
      // the open chat's 24-hour window has closed: only a template goes through now
      setForceTemplate(channelId);
      setError(t('templateNeeded'));
      return;
    }
    setError(failure?.message ?? (failure?.code === 'NETWORK' ? t('networkError') : t('error')));
  };

  return (
    <Dialog title={t('title', { name: client.name })} closeLabel={t('close')} onClose={onClose} testId="start-chat-dialog">
      {channels.length === 0 && whatsapp === null ? (
        <p className="text-[12.5px] text-slate-500" aria-busy="true">
          {t('loading')}
        </p>
      ) : channels.length === 0 ? (
        <div className="space-y-3" data-testid="start-chat-unreachable">
          <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-900">
            <Info className="mt-px size-4 shrink-0" aria-hidden />
            <span>{t('unreachable', { name: client.name })}</span>
          </p>
          <p className="text-[12.5px] text-slate-600">{t('unreachableHow')}</p>
          <p className="text-[12.5px] text-slate-600" data-testid="start-chat-whatsapp-hint">
            {phone ? t('whatsappConnect', { phone: formatPhone(phone) }) : whatsappConnected ? t('whatsappAddPhone', { name: client.name }) : t('whatsappLater')}
          </p>
          <div className="flex justify-end">
            <button type="button" onClick={onClose} className={secondaryButton} data-autofocus>
              {t('close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-3" noValidate>
          <fieldset>
            <legend className={labelClass}>{t('channel')}</legend>
            <div className="space-y-1">
              {channels.map((c) => {
                const disabled = c.state !== 'CONNECTED';
                return (
                  <label
                    key={c.id}
                    className={clsx(
                      'flex items-center gap-2 rounded-md border px-2.5 py-1.5 text-[13px]',
                      disabled ? 'border-slate-200 bg-slate-50 text-slate-500' : channelId === c.id ? 'border-brand-500 bg-brand-50' : 'border-slate-200 hover:bg-slate-50',
                    )}
                  >
                    <input type="radio" name="channel" value={c.id} checked={channelId === c.id} disabled={disabled} onChange={() => {
                        setChannelId(c.id);
                        setError(null);
                        choice.reset();
                      }} className="accent-brand-600" />
                    <ChannelIcon kind={c.kind} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium">{c.kind === 'WHATSAPP' ? t('whatsappName', { name: c.name }) : c.name}</span>
                      <span className="block truncate text-[11.5px] text-slate-500">{disabled ? t('channelDown') : c.phone ? t('toPhone', { phone: formatPhone(c.phone) }) : t('as', { who: c.as })}</span>
                    </span>
                  </label>
                );
              })}
            </div>
            <p className="mt-1.5 text-[11.5px] text-slate-500">{t('onlyKnown')}</p>
          </fieldset>
          {templateMode ? (
            <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
              <p className="mb-2 text-[12.5px] text-slate-600">{t('templateHint')}</p>
              <TemplateFields templates={selected?.templates ?? null} choice={choice} disabled={busy} />
            </div>
          ) : (
          <div>
            <label htmlFor={textId} className={labelClass}>
              {t('message')}
            </label>
            <textarea
              id={textId}
              value={text}
              rows={4}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
              aria-describedby={counterId}
              aria-invalid={tooLong || undefined}
              placeholder={t('placeholder')}
              data-autofocus
              data-testid="start-chat-text"
              className={clsx(inputClass, 'resize-y')}
            />
            <p id={counterId} className={clsx('mt-0.5 text-right text-[11.5px] tabular-nums', tooLong ? 'font-medium text-red-600' : 'text-slate-500')}>
              {length} / {MAX_TEXT_LENGTH}
            </p>
          </div>
          )}
          {error && (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[12.5px] text-red-700" data-testid="start-chat-error">
              {error}
            </p>
          )}
          <div className="flex items-center justify-end gap-2">
            <button type="button" onClick={onClose} className={ghostButton}>
              {t('cancel')}
            </button>
            <button type="submit" disabled={busy || !channelId || !ready} className={primaryButton} data-testid="start-chat-send">
              {busy ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <SendHorizontal className="size-3.5" aria-hidden />}
              {t('send')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
