'use client';

import { clsx } from 'clsx';
import { Check, CircleAlert } from 'lucide-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import { useState } from 'react';
import type { FacebookLoginPageQuery } from '../../graphql-client/graphql';
import { doc, userError, useClient } from '../../lib/ui/gql';
import { ChannelIcon } from '../chats/channel-icon';
import { ConnectFacebookAccountsMutation } from './facebook-queries';
import { alwaysHasAccess, RolePicker } from './role-picker';
import { FormProblem, InlineFormButtons, inlineCancel } from './form-parts';

/** Facebook Login: pick Pages and Instagram accounts instead of pasting tokens. */
export function FacebookLoginButton() {
  const t = useTranslations('settings.chats.facebook');
  return (
    <a
      href="/api/auth/facebook/start"
      className="flex items-center gap-1.5 rounded-md bg-[#1877F2] px-3 py-1.5 text-[13px] font-medium text-white hover:bg-[#166FE5] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[#1877F2]"
      data-testid="facebook-login"
    >
      <ChannelIcon kind="MESSENGER" className="size-4 text-white" />
      {t('login')}
    </a>
  );
}

/** What happened on the way back from Facebook, when it did not end on the picker. */
export function FacebookLoginNotice() {
  const t = useTranslations('settings.chats.facebook');
  const params = useSearchParams();
  const outcome = params?.get('facebook');
  if (outcome === 'connected') {
    return (
      <p role="status" className="mt-4 flex items-center gap-1.5 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-[12.5px] text-emerald-800" data-testid="facebook-notice">
        <Check className="size-3.5" aria-hidden />
        {t('connected', { count: Number(params?.get('count') ?? 1) })}
      </p>
    );
  }
  if (outcome !== 'error' && outcome !== 'cancelled') return null;
  return (
    <p role="alert" className="mt-4 flex items-start gap-1.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-900" data-testid="facebook-notice">
      <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden />
      {outcome === 'cancelled' ? t('cancelled') : t('failed', { reason: params?.get('message') ?? '' })}
    </p>
  );
}

type Login = NonNullable<FacebookLoginPageQuery['facebookLogin']>;
type Role = FacebookLoginPageQuery['roles'][number];
type Choice = { kind: 'MESSENGER' | 'INSTAGRAM'; externalId: string };
const keyOf = (c: Choice) => `${c.kind}:${c.externalId}`;

/** After Facebook Login: which Pages (Messenger) and Instagram accounts to connect, and for which roles. */
export function FacebookLoginPicker({ login, roles }: { login: Login; roles: Role[] }) {
  const t = useTranslations('settings.chats.facebook');
  const client = useClient();
  const router = useRouter();
  const chatRoles = roles.filter((r) => r.permissions.includes('CHATS'));
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [roleIds, setRoleIds] = useState<Set<string>>(() => new Set(chatRoles.filter((r) => !alwaysHasAccess(r)).map((r) => r.id)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (set: Set<string>, key: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(key);
    else next.delete(key);
    return next;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const accounts = [...picked].map((key) => {
      const [kind, externalId] = key.split(':') as [Choice['kind'], string];
      return { kind, externalId };
    });
    if (accounts.length === 0) return setError(t('pickOne'));
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(ConnectFacebookAccountsMutation), { loginId: login.id, accounts, roleIds: [...roleIds] }).toPromise();
    setBusy(false);
    if (result.data?.connectFacebookAccounts) {
      router.push(`/settings/chats?facebook=connected&count=${result.data.connectFacebookAccounts.length}`);
      router.refresh();
      return;
    }
    setError(userError(result.error)?.message ?? t('unknownError'));
  };

  return (
    <main className="max-w-3xl px-4 py-6 sm:px-8">
      <p className="text-[12.5px]">
        <Link href="/settings/chats" className="text-brand-700 hover:underline">
          {t('back')}
        </Link>
      </p>
      <h1 className="mt-2 text-[17px] font-semibold text-slate-900">{t('pickTitle')}</h1>
      <p className="mt-1 text-slate-500">{t('pickIntro')}</p>
      <form onSubmit={submit} className="mt-5" data-testid="facebook-picker">
        {login.pages.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-slate-500" data-testid="facebook-no-pages">
            {t('noPages')}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {login.pages.map((page) => (
              <li key={page.id} className="px-4 py-3" data-testid="facebook-page">
                <p className="font-medium text-slate-900">{page.name}</p>
                {!page.canMessage && <p className="text-[12px] text-amber-700">{t('noMessagingTask')}</p>}
                <div className="mt-1.5 flex flex-col gap-1">
                  <AccountCheckbox
                    kind="MESSENGER"
                    label={t('messengerOf', { name: page.name })}
                    connected={page.messengerConnected}
                    checked={picked.has(keyOf({ kind: 'MESSENGER', externalId: page.id }))}
                    onChange={(on) => setPicked((s) => toggle(s, keyOf({ kind: 'MESSENGER', externalId: page.id }), on))}
                    connectedLabel={t('alreadyConnected')}
                  />
                  {page.instagram ? (
                    <AccountCheckbox
                      kind="INSTAGRAM"
                      label={t('instagramOf', { name: page.instagram.username ? `@${page.instagram.username}` : (page.instagram.name ?? page.instagram.id) })}
                      connected={page.instagram.connected}
                      checked={picked.has(keyOf({ kind: 'INSTAGRAM', externalId: page.instagram.id }))}
                      onChange={(on) => setPicked((s) => toggle(s, keyOf({ kind: 'INSTAGRAM', externalId: page.instagram!.id }), on))}
                      connectedLabel={t('alreadyConnected')}
                    />
                  ) : (
                    <p className="pl-6 text-[12px] text-slate-500">{t('noInstagram')}</p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <RolePicker legend={t('roles')} roles={chatRoles} selected={roleIds} onChange={setRoleIds} className="mt-4" />
        <FormProblem className="mt-3" testId="facebook-error">
          {error}
        </FormProblem>
        <InlineFormButtons
          className="mt-4"
          busy={busy}
          disabled={login.pages.length === 0}
          testId="facebook-connect"
          cancel={
            <Link href="/settings/chats" className={inlineCancel}>
              {t('cancel')}
            </Link>
          }
        >
          {t('connect', { count: picked.size })}
        </InlineFormButtons>
      </form>
    </main>
  );
}

function AccountCheckbox(props: { kind: 'MESSENGER' | 'INSTAGRAM'; label: string; connected: boolean; checked: boolean; onChange(on: boolean): void; connectedLabel: string }) {
  return (
    <label className={clsx('flex items-center gap-2 text-[13px]', props.connected ? 'text-slate-500' : 'text-slate-700')}>
      <input
        type="checkbox"
        checked={props.connected || props.checked}
        disabled={props.connected}
        onChange={(e) => props.onChange(e.target.checked)}
        className="size-3.5 accent-brand-600"
        data-testid={`facebook-account-${props.kind.toLowerCase()}`}
      />
      <ChannelIcon kind={props.kind} className="size-4" />
      {props.label}
      {props.connected && <span className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-600">{props.connectedLabel}</span>}
    </label>
  );
}
