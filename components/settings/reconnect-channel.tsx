'use client';

import { RefreshCw } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useRef, useState } from 'react';
import { capabilitiesOf } from '../../channels/capabilities';
import type { ChannelSettingsFragment } from '../../graphql-client/graphql';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { ReconnectChannelMutation } from './queries';
import { FormProblem, InlineFormButtons, inlineCancel } from './form-parts';

const TOKEN_KEY = { MESSENGER: 'page', INSTAGRAM: 'instagram', WHATSAPP: 'whatsapp', TELEGRAM: 'telegram' } as const;

/**
 * Reconnect on a channel's card: a new token (or none, to try the stored one again), or Facebook
 * Login for pages and Instagram accounts. The channel stays the same: chats and role access too.
 */
export function ReconnectChannel({
  channel,
  facebookLogin,
  startOpen,
  onReconnected,
}: {
  channel: ChannelSettingsFragment;
  facebookLogin: boolean;
  /** Opened from a chat's "Reconnect" link: open the form and bring it into view. */
  startOpen: boolean;
  onReconnected(c: ChannelSettingsFragment): void;
}) {
  const t = useTranslations('settings.chats.reconnect');
  const tokens = useTranslations('settings.chats.connect');
  const client = useClient();
  const tokenId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(startOpen);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const lost = channel.state !== 'CONNECTED';

  useEffect(() => {
    if (startOpen) form.current?.scrollIntoView({ block: 'center' });
  }, [startOpen]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(ReconnectChannelMutation), { channelId: channel.id, accessToken: token.trim() || null }).toPromise();
    setBusy(false);
    const reconnected = result.data?.reconnectChannel;
    if (reconnected) {
      onReconnected(reconnected);
      setToken('');
      setOpen(false);
      setDone(true);
      return;
    }
    const failure = userError(result.error);
    setError(failure?.message ?? (failure?.code === 'NETWORK' ? tokens('networkError') : t('error')));
  };

  if (!open) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setDone(false);
          }}
          className={
            lost
              ? 'inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-2.5 py-1 text-[12.5px] font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500'
              : 'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-[12.5px] font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500'
          }
          data-testid="reconnect-open"
        >
          <RefreshCw className="size-3.5" aria-hidden />
          {t('button')}
        </button>
        {done && (
          <span role="status" className="text-[12px] text-emerald-700" data-testid="reconnect-done">
            {t('done')}
          </span>
        )}
      </div>
    );
  }

  return (
    <form ref={form} onSubmit={submit} className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-3" data-testid="reconnect-form" aria-label={t('title', { name: channel.name })}>
      <p className="text-[12.5px] text-slate-600">{t('intro')}</p>
      {facebookLogin && capabilitiesOf(channel.kind).connect.facebookLogin && (
        <p className="mt-2 text-[12.5px]">
          <a href="/api/auth/facebook/start" className="font-medium text-brand-700 underline underline-offset-2" data-testid="reconnect-facebook">
            {t('facebook')}
          </a>
        </p>
      )}
      <label htmlFor={tokenId} className="mt-2 mb-1 block text-[12.5px] font-medium text-slate-700">
        {tokens(`${TOKEN_KEY[channel.kind]}.token`)}
      </label>
      <input
        id={tokenId}
        type="password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        autoComplete="off"
        autoFocus={startOpen}
        placeholder={t('tokenPlaceholder')}
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-[13px] focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        data-testid="reconnect-token"
      />
      <p className="mt-1 text-[11.5px] text-slate-500">{t('keeps')}</p>
      <FormProblem className="mt-2" testId="reconnect-error">
        {error}
      </FormProblem>
      <InlineFormButtons
        className="mt-3"
        busy={busy}
        icon={<RefreshCw className="size-3.5" aria-hidden />}
        testId="reconnect-submit"
        cancel={
          <button type="button" onClick={() => setOpen(false)} className={inlineCancel}>
            {tokens('cancel')}
          </button>
        }
      >
        {t('submit')}
      </InlineFormButtons>
    </form>
  );
}
