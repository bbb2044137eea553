'use client';

import { clsx } from 'clsx';
import { Check, Copy, LoaderCircle, Plus, Webhook } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useSearchParams } from 'next/navigation';
import { useId, useState } from 'react';
import type { ChannelKind, ChannelSettingsFragment, ChannelState } from '../../graphql-client/graphql';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { CHANNEL_KINDS, capabilitiesOf } from '../../channels/capabilities';
import { ChannelIcon } from '../chats/channel-icon';
import { useChatTime } from '../chats/time';
import { FacebookLoginButton, FacebookLoginNotice } from './facebook-login';
import { alwaysHasAccess, RolePicker } from './role-picker';
import { ConnectChannelMutation, SetChannelAccessMutation } from './queries';
import { hasPostComments, ReceiveCommentsSwitch } from './receive-comments-switch';
import { withoutSettingsAdvice } from './channel-problem';
import { ReconnectChannel } from './reconnect-channel';
import { FormProblem, InlineFormButtons, inlineCancel, useSubmit } from './form-parts';
import { formError } from './admin-parts';

type Role = { id: string; name: string; builtin: boolean; permissions: string[] };

const KINDS: ChannelKind[] = CHANNEL_KINDS;

export function ChannelsSettings({
  channels: initial,
  roles,
  webhookUrl,
  facebookLogin = false,
  facebookCallback = '/api/auth/facebook/callback',
}: {
  channels: ChannelSettingsFragment[] | null;
  roles: Role[];
  webhookUrl: string;
  facebookLogin?: boolean;
  /** Where Facebook Login returns to: what an admin enters in the Facebook app when setting it up. */
  facebookCallback?: string;
}) {
  const t = useTranslations('settings.chats');
  const [channels, setChannels] = useState(initial ?? []);
  const upsert = (channel: ChannelSettingsFragment) =>
    setChannels((list) => (list.some((c) => c.id === channel.id) ? list.map((c) => (c.id === channel.id ? channel : c)) : [...list, channel]));

  const chatRoles = roles.filter((r) => r.permissions.includes('CHATS'));
  // a chat's "Reconnect" link opens that channel's form
  const reconnect = useSearchParams()?.get('reconnect') ?? null;

  return (
    <main className="max-w-4xl px-4 py-6 sm:px-8">
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 text-slate-500">{t('intro')}</p>
      <FacebookLoginNotice />

      {initial === null && (
        <p role="alert" className="mt-5 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          {t('loadError')}
        </p>
      )}

      {KINDS.map((kind) => {
        const group = channels.filter((c) => c.kind === kind);
        // the first platform's group shows even when empty, so a page without channels still says so
        if (group.length === 0 && kind !== KINDS[0]) return null;
        return (
          <section key={kind} className="mt-6" aria-labelledby={`group-${kind}`}>
            <h2 id={`group-${kind}`} className="mb-2 flex items-center gap-2 text-[13px] font-semibold text-slate-700">
              <ChannelIcon kind={kind} className="size-4" />
              {t(`kind.${kind}`)}
              <span className="font-normal text-slate-500">{group.length}</span>
            </h2>
            {group.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-300 px-4 py-5 text-center text-slate-500">{t('emptyGroup')}</p>
            ) : (
              <ul className="space-y-2">
                {group.map((channel) => (
                  <ChannelCard key={channel.id} channel={channel} roles={chatRoles} onSaved={upsert} facebookLogin={facebookLogin} reconnect={reconnect === channel.id} />
                ))}
              </ul>
            )}
          </section>
        );
      })}

      <ConnectForms roles={chatRoles} onConnected={upsert} facebookLogin={facebookLogin} facebookCallback={facebookCallback} />

      <section className="mt-6 rounded-lg border border-slate-200 bg-white px-4 py-3" aria-labelledby="webhook-title">
        <h2 id="webhook-title" className="flex items-center gap-2 text-[13px] font-semibold text-slate-700">
          <Webhook className="size-4 text-slate-400" aria-hidden />
          {t('webhookTitle')}
        </h2>
        <p className="mt-1 text-[12.5px] text-slate-500">{t('webhookHint')}</p>
        <CopyField value={webhookUrl} label={t('webhookTitle')} />
      </section>
    </main>
  );
}

function StateBadge({ state }: { state: ChannelState }) {
  const t = useTranslations('settings.chats.state');
  return (
    <span
      data-testid="channel-state"
      data-state={state}
      className={clsx(
        'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-[11.5px] font-medium',
        state === 'CONNECTED' && 'bg-emerald-50 text-emerald-700',
        state === 'SYNC_LOST' && 'bg-red-50 text-red-700',
        state === 'MISSING_PERMISSIONS' && 'bg-amber-50 text-amber-800',
      )}
    >
      <span className={clsx('size-1.5 rounded-full', state === 'CONNECTED' ? 'bg-emerald-500' : state === 'SYNC_LOST' ? 'bg-red-500' : 'bg-amber-500')} aria-hidden />
      {t(state)}
    </span>
  );
}

function ChannelCard({
  channel,
  roles,
  onSaved,
  facebookLogin,
  reconnect,
}: {
  channel: ChannelSettingsFragment;
  roles: Role[];
  onSaved(c: ChannelSettingsFragment): void;
  facebookLogin: boolean;
  reconnect: boolean;
}) {
  const t = useTranslations('settings.chats');
  const time = useChatTime();
  const client = useClient();
  const stored = new Set(channel.roles.map((r) => r.id));
  const [selected, setSelected] = useState(stored);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = roles.filter((r) => !alwaysHasAccess(r));
  const dirty = editable.some((r) => selected.has(r.id) !== stored.has(r.id));

  const save = async () => {
    setSaving(true);
    setError(null);
    const roleIds = editable.filter((r) => selected.has(r.id)).map((r) => r.id);
    const result = await client.mutation(doc(SetChannelAccessMutation), { channelId: channel.id, roleIds }).toPromise();
    setSaving(false);
    if (result.data?.setChannelAccess) {
      onSaved(result.data.setChannelAccess);
      setSelected(new Set(result.data.setChannelAccess.roles.map((r) => r.id)));
      setSaved(true);
      setTimeout(() => setSaved(false), 2500);
    } else {
      setError(userError(result.error)?.message ?? t('saveError'));
    }
  };

  return (
    <li id={`channel-${channel.id}`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white" data-testid="channel-card">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-2 px-4 py-3">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h3 className="truncate text-[14px] font-semibold text-slate-900">{channel.name}</h3>
            <StateBadge state={channel.state} />
          </div>
          <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[12.5px]">
            <dt className="text-slate-500">{t(`externalId.${channel.kind}`)}</dt>
            <dd className="font-mono text-[12px] text-slate-700">{channel.externalId}</dd>
            <dt className="text-slate-500">{t('lastWebhook')}</dt>
            <dd className="text-slate-700">
              {channel.lastWebhookAt ? <time dateTime={channel.lastWebhookAt} title={time.full(channel.lastWebhookAt)} suppressHydrationWarning>{time.relative(channel.lastWebhookAt)}</time> : <span className="text-slate-500">{t('noWebhookYet')}</span>}
            </dd>
            {channel.tokenExpiresAt && (
              <>
                <dt className="text-slate-500">{t('tokenExpires')}</dt>
                <dd className="text-slate-700" suppressHydrationWarning>
                  {time.full(channel.tokenExpiresAt)}
                </dd>
              </>
            )}
            {channel.lastError && (
              <>
                <dt className="text-slate-500">{t('lastError')}</dt>
                <dd className="text-red-700" data-testid="channel-last-error">
                  {withoutSettingsAdvice(channel.lastError)}
                  {channel.lastErrorAt && (
                    <span className="ml-1.5 text-slate-500" suppressHydrationWarning>
                      · {time.relative(channel.lastErrorAt)}
                    </span>
                  )}
                </dd>
              </>
            )}
          </dl>
          {hasPostComments(channel.kind) && <ReceiveCommentsSwitch channel={channel} onSaved={onSaved} />}
          <ReconnectChannel channel={channel} facebookLogin={facebookLogin} startOpen={reconnect} onReconnected={onSaved} />
        </div>
        <fieldset className="w-full shrink-0 sm:w-64">
          <legend className="mb-1 text-[11.5px] font-semibold tracking-wide text-slate-500 uppercase">{t('access')}</legend>
          <ul className="space-y-0.5">
            {roles.map((role) => {
              const always = alwaysHasAccess(role);
              return (
                <li key={role.id}>
                  <label className={clsx('flex items-center gap-2 text-[13px]', always ? 'text-slate-500' : 'text-slate-700')}>
                    <input
                      type="checkbox"
                      checked={always || selected.has(role.id)}
                      disabled={always || saving}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(role.id);
                        else next.delete(role.id);
                        setSelected(next);
                        setSaved(false);
                      }}
                      className="size-3.5 accent-brand-600"
                    />
                    {role.name}
                    {always && <span className="text-[11.5px]">({t('always')})</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          <div className="mt-2 flex items-center gap-2">
            <button
              type="button"
              onClick={save}
              disabled={!dirty || saving}
              className="flex items-center gap-1.5 rounded-md bg-slate-800 px-2.5 py-1 text-[12.5px] font-medium text-white hover:bg-slate-900 disabled:bg-slate-200 disabled:text-slate-400"
            >
              {saving && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
              {t('saveAccess')}
            </button>
            {saved && (
              <span role="status" className="flex items-center gap-1 text-[12px] text-emerald-700">
                <Check className="size-3.5" aria-hidden />
                {t('saved')}
              </span>
            )}
          </div>
          {error && (
            <p role="alert" className="mt-1 text-[12px] text-red-600">
              {error}
            </p>
          )}
        </fieldset>
      </div>
    </li>
  );
}

type ConnectKind = ChannelKind;
const CONNECT_KINDS: ConnectKind[] = CHANNEL_KINDS;
/**
 * Each platform's connect form, as UI texts: its namespace under settings.chats.connect, and the
 * label of the account id it asks for, or null where the token names the account (a Telegram bot:
 * then neither id nor name is asked). Which fields are required or added follows the capabilities.
 */
const CONNECT_FORM: Record<ConnectKind, { texts: 'page' | 'instagram' | 'whatsapp' | 'telegram'; idLabel: 'pageId' | 'instagram.accountId' | 'whatsapp.phoneNumberId' | null }> = {
  MESSENGER: { texts: 'page', idLabel: 'pageId' },
  INSTAGRAM: { texts: 'instagram', idLabel: 'instagram.accountId' },
  WHATSAPP: { texts: 'whatsapp', idLabel: 'whatsapp.phoneNumberId' },
  TELEGRAM: { texts: 'telegram', idLabel: null },
};

/** "Connect a Facebook page / WhatsApp number / Telegram bot": one form open at a time. */
function ConnectForms({ roles, onConnected, facebookLogin, facebookCallback }: { roles: Role[]; onConnected(c: ChannelSettingsFragment): void; facebookLogin: boolean; facebookCallback: string }) {
  const t = useTranslations('settings.chats.connect');
  const [open, setOpen] = useState<ConnectKind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="mt-6" aria-label={t('sectionLabel')}>
      {done && (
        <p role="status" className="mb-2 flex items-center gap-1.5 text-[12.5px] text-emerald-700">
          <Check className="size-3.5" aria-hidden />
          {done}
        </p>
      )}
      {open === null ? (
        <div className="flex flex-wrap gap-2">
          {facebookLogin && <FacebookLoginButton />}
          {CONNECT_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              onClick={() => {
                setOpen(kind);
                setDone(null);
              }}
              className="flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-[13px] font-medium text-slate-700 hover:bg-slate-50"
              data-testid={`connect-${kind.toLowerCase()}`}
            >
              <Plus className="size-4" aria-hidden />
              <ChannelIcon kind={kind} />
              <span>{t(`${CONNECT_FORM[kind].texts}.title`)}</span>
            </button>
          ))}
        </div>
      ) : (
        <ConnectForm
          key={open}
          kind={open}
          roles={roles}
          facebookLogin={facebookLogin}
          facebookCallback={facebookCallback}
          onCancel={() => setOpen(null)}
          onConnected={(channel) => {
            onConnected(channel);
            setDone(t('done', { name: channel.name }));
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}

function ConnectForm({
  kind,
  roles,
  facebookLogin,
  facebookCallback,
  onConnected,
  onCancel,
}: {
  kind: ConnectKind;
  roles: Role[];
  facebookLogin: boolean;
  facebookCallback: string;
  onConnected(c: ChannelSettingsFragment): void;
  onCancel(): void;
}) {
  const t = useTranslations('settings.chats.connect');
  const { texts: k, idLabel } = CONNECT_FORM[kind];
  const { connect, templates } = capabilitiesOf(kind);
  const client = useClient();
  const ids = { external: useId(), account: useId(), name: useId(), token: useId() };
  const [externalId, setExternalId] = useState('');
  const [accountId, setAccountId] = useState('');
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [roleIds, setRoleIds] = useState<Set<string>>(() => new Set(roles.filter((r) => !alwaysHasAccess(r)).map((r) => r.id)));
  const { busy, error, submit } = useSubmit(async () => {
    const variables = {
      kind,
      externalId: externalId.trim(),
      name,
      accessToken: token.trim(),
      // the business account's id: where its templates are listed
      ...(templates ? { businessAccountId: accountId.trim() } : {}),
      roleIds: [...roleIds],
    };
    const result = await client.mutation(doc(ConnectChannelMutation), variables).toPromise();
    const channel = result.data?.connectChannel;
    if (!channel) return formError(result.error, t(`${k}.unknownError`), t('networkError')).message;
    onConnected(channel);
    return null;
  });

  const input = 'w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-[13px] focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none';
  const label = 'mb-1 block text-[12.5px] font-medium text-slate-700';

  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white px-4 py-4" data-testid="connect-form" data-kind={kind} aria-labelledby={`connect-form-${kind}`}>
      <h2 id={`connect-form-${kind}`} className="flex items-center gap-2 text-[14px] font-semibold text-slate-900">
        <ChannelIcon kind={kind} className="size-4" />
        {t(`${k}.title`)}
      </h2>
      <p className="mt-1 text-[12.5px] text-slate-500">{t(`${k}.intro`)}</p>
      {connect.throughPage && (
        <p className="mt-1 text-[12.5px] [overflow-wrap:anywhere] text-slate-500" data-testid="instagram-login-hint">
          {facebookLogin ? t('instagram.loginEasier') : t('instagram.loginSetup', { callback: facebookCallback })}
        </p>
      )}
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {idLabel && (
          <div>
            <label htmlFor={ids.external} className={label}>
              {t(idLabel)}
            </label>
            <input
              id={ids.external}
              value={externalId}
              onChange={(e) => setExternalId(e.target.value)}
              required={!connect.idFromToken}
              placeholder={connect.idFromToken ? t(`${k}.accountIdPlaceholder`) : undefined}
              inputMode="numeric"
              autoComplete="off"
              className={clsx(input, 'font-mono')}
              data-testid="connect-external-id"
            />
          </div>
        )}
        {templates && (
          <div>
            <label htmlFor={ids.account} className={label}>
              {t('whatsapp.businessAccountId')}
            </label>
            <input id={ids.account} value={accountId} onChange={(e) => setAccountId(e.target.value)} required inputMode="numeric" autoComplete="off" className={clsx(input, 'font-mono')} data-testid="connect-account-id" />
          </div>
        )}
        {idLabel && (
          <div>
            <label htmlFor={ids.name} className={label}>
              {t('name')}
            </label>
            <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder={t(`${k}.namePlaceholder`)} autoComplete="off" className={input} data-testid="connect-name" />
          </div>
        )}
        <div className="sm:col-span-2">
          <label htmlFor={ids.token} className={label}>
            {t(`${k}.token`)}
          </label>
          <input id={ids.token} type="password" value={token} onChange={(e) => setToken(e.target.value)} required autoComplete="off" className={clsx(input, 'font-mono')} data-testid="connect-token" />
          <p className="mt-1 text-[11.5px] text-slate-500">{t('tokenHint')}</p>
        </div>
      </div>
      <RolePicker legend={t('roles')} roles={roles} selected={roleIds} onChange={setRoleIds} />
      <FormProblem className="mt-3" testId="connect-error">
        {error}
      </FormProblem>
      <InlineFormButtons
        className="mt-4"
        busy={busy}
        testId="connect-submit"
        cancel={
          <button type="button" onClick={onCancel} className={inlineCancel}>
            {t('cancel')}
          </button>
        }
      >
        {t(`${k}.submit`)}
      </InlineFormButtons>
    </form>
  );
}

function CopyField({ value, label }: { value: string; label: string }) {
  const t = useTranslations('settings.chats');
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex items-center gap-2">
      <code className="min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5 font-mono text-[12.5px] text-slate-700" aria-label={label}>
        {value}
      </code>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          } catch {
            // clipboard blocked: the text stays selectable
          }
        }}
        className="flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-[12.5px] text-slate-700 hover:bg-slate-50"
      >
        {copied ? <Check className="size-3.5 text-emerald-600" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
