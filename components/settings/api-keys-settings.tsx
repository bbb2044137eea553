'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useId, useState } from 'react';
import type { ApiKeySettingsFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { Dialog } from '../ui/dialog';
import { inputClass, labelClass, primaryButton } from '../ui/form';
import { SettingsList } from './list-states';
import { ConfirmDialog, CopyButton, formError, selectClass, When, type FormError } from './admin-parts';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from './admin-queries';
import { DialogButtons, FormProblem, RowAction } from './form-parts';

type ApiKey = ApiKeySettingsFragment;
type Role = { id: string; name: string };

/** Settings › API keys: integrators' keys with their role and last use; create (shown once), revoke. */
export function ApiKeysSettings({ apiKeys: initial, roles }: { apiKeys: ApiKey[] | null; roles: Role[] }) {
  const t = useTranslations('settings.apiKeys');
  const client = useClient();
  const [keys, setKeys] = useState(initial ?? []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = async () => {
    const result = await client.query(doc(ApiKeysQuery), {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) setKeys(result.data.apiKeys);
  };

  return (
    <SettingsList
      name="api-keys"
      t={t}
      add={{
        label: t('create'),
        testId: 'api-key-new',
        onClick: () => {
          setDone(null);
          setCreating(true);
        },
      }}
      done={done}
      failed={initial === null}
      empty={keys.length === 0}
      list={
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="api-keys-list">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-1.5 px-3 py-2.5" data-testid="api-key-row" data-name={key.name}>
              <div className="min-w-0 flex-[2_1_12rem]">
                <p className="truncate font-medium text-slate-900">{key.name}</p>
                <p className="text-[12px] text-slate-500">
                  <span className="font-mono">{key.prefix}…</span> · {key.role.name}
                </p>
              </div>
              <dl className="grid min-w-0 flex-[2_1_14rem] grid-cols-[auto_1fr] gap-x-2 text-[12px]">
                <dt className="text-slate-500">{t('createdAt')}</dt>
                <dd className="text-slate-700">
                  <When value={key.createdAt} />
                </dd>
                <dt className="text-slate-500">{t('lastUsedAt')}</dt>
                <dd className="text-slate-700" data-testid="api-key-last-used">
                  <When value={key.lastUsedAt} never={t('never')} />
                </dd>
              </dl>
              <RowAction
                icon={<Trash2 className="size-3.5" aria-hidden />}
                label={t('revoke')}
                name={t('revokeName', { name: key.name })}
                danger
                testId="api-key-revoke"
                onClick={() => {
                  setDone(null);
                  setRevoking(key);
                }}
              />
            </li>
          ))}
        </ul>
      }
    >
      <p className="mt-4 text-[12.5px] text-slate-500">{t('usage')}</p>

      {creating && (
        <CreateKeyDialog
          roles={roles}
          onClose={() => setCreating(false)}
          onCreated={(name, key) => {
            setCreating(false);
            setCreated({ name, key });
            void reload();
          }}
        />
      )}
      {created && (
        <Dialog title={t('createdTitle', { name: created.name })} description={t('createdIntro')} closeLabel={t('close')} onClose={() => setCreated(null)} testId="api-key-created" width="max-w-lg">
          <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-[12.5px] break-all text-slate-900" data-testid="api-key-secret">
            {created.key}
          </p>
          <p className="mt-2 text-[12px] text-slate-500">{t('shownOnce')}</p>
          <div className="mt-4 flex justify-end gap-2">
            <CopyButton value={created.key} testId="api-key-copy" />
            <button type="button" className={primaryButton} onClick={() => setCreated(null)} data-autofocus>
              {t('done')}
            </button>
          </div>
        </Dialog>
      )}
      {revoking && (
        <RevokeDialog
          apiKey={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setKeys((list) => list.filter((k) => k.id !== revoking.id));
            setRevoking(null);
            setDone(t('revoked', { name: revoking.name }));
          }}
        />
      )}
    </SettingsList>
  );
}

function CreateKeyDialog({ roles, onClose, onCreated }: { roles: Role[]; onClose(): void; onCreated(name: string, key: string): void }) {
  const t = useTranslations('settings.apiKeys');
  const client = useClient();
  const ids = { name: useId(), role: useId(), error: useId() };
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState(() => roles.find((r) => r.name === 'Operator')?.id ?? roles[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(CreateApiKeyMutation), { name, roleId }).toPromise();
    setBusy(false);
    if (result.data?.createApiKey) onCreated(name.trim(), result.data.createApiKey);
    else setError(formError(result.error, t('saveError'), t('networkError')));
  };

  return (
    <Dialog title={t('createTitle')} description={t('createIntro')} closeLabel={t('close')} onClose={onClose} testId="api-key-dialog">
      <form onSubmit={submit} noValidate className="space-y-3">
        <div>
          <label htmlFor={ids.name} className={labelClass}>
            {t('name')}
          </label>
          <input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
            autoComplete="off"
            placeholder={t('namePlaceholder')}
            className={inputClass}
            aria-invalid={error?.field === 'name' || undefined}
            aria-describedby={error ? ids.error : undefined}
            data-testid="api-key-name"
          />
        </div>
        <div>
          <label htmlFor={ids.role} className={labelClass}>
            {t('role')}
          </label>
          <select id={ids.role} value={roleId} onChange={(e) => setRoleId(e.target.value)} className={selectClass} data-testid="api-key-role">
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <p className="mt-1 text-[11.5px] text-slate-500">{t('roleHint')}</p>
        </div>
        <FormProblem id={ids.error} testId="api-key-error">
          {error?.message}
        </FormProblem>
        <DialogButtons cancel={t('cancel')} onCancel={onClose} busy={busy} testId="api-key-save">
          {t('create')}
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKey; onClose(): void; onRevoked(): void }) {
  const t = useTranslations('settings.apiKeys');
  const client = useClient();
  return (
    <ConfirmDialog
      title={t('revokeTitle', { name: apiKey.name })}
      description={t('revokeIntro')}
      labels={{ close: t('close'), cancel: t('cancel'), confirm: t('revoke') }}
      testId={{ dialog: 'api-key-revoke-dialog', confirm: 'api-key-revoke-confirm' }}
      onClose={onClose}
      run={async () => {
        const result = await client.mutation(doc(RevokeApiKeyMutation), { id: apiKey.id }).toPromise();
        if (!result.data?.revokeApiKey) return formError(result.error, t('revokeError'), t('networkError')).message;
        onRevoked();
        return null;
      }}
    />
  );
}
