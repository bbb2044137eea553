'use client';

import { clsx } from 'clsx';
import { Pencil, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from '../../lib/ui/intl';
import { useId, useState } from 'react';
import type { RoleSettingsFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { Dialog } from '../ui/dialog';
import { inputClass, labelClass } from '../ui/form';
import { ConfirmDialog, formError, type FormError } from './admin-parts';
import { SettingsList } from './list-states';
import { CreateRoleMutation, DeleteRoleMutation, UpdateRoleMutation } from './queries';
import { DialogButtons, FormProblem, RowAction } from './form-parts';

type Role = RoleSettingsFragment;

export const PERMISSIONS = ['CHATS', 'CLIENTS', 'DOCUMENTS', 'SETTINGS'] as const;
const ADMIN = 'Admin';

/** The built-in Admin keeps every permission, so someone can always manage settings. */
const isAdmin = (role: Role) => role.builtin && role.name === ADMIN;
const byName = (a: Role, b: Role) => a.name.localeCompare(b.name);

type Editing = { mode: 'new' } | { mode: 'edit'; role: Role };

/** Settings > Employees > Roles: what each role may do; create, edit and delete roles. */
export function RolesSettings({ roles: initial }: { roles: Role[] | null }) {
  const t = useTranslations('settings.roles');
  const router = useRouter();
  const [roles, setRoles] = useState(() => [...(initial ?? [])].sort(byName));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const saved = (role: Role, message: string) => {
    setRoles((list) => [...list.filter((r) => r.id !== role.id), role].sort(byName));
    setEditing(null);
    setDone(message);
    // the side menu and pages follow the signed-in employee's own role, which may have just changed
    router.refresh();
  };

  return (
    <SettingsList
      name="roles"
      t={t}
      add={{
        label: t('new'),
        testId: 'role-new',
        onClick: () => {
          setDone(null);
          setEditing({ mode: 'new' });
        },
      }}
      done={done}
      failed={initial === null}
      empty={roles.length === 0}
      className="max-w-4xl px-4 py-6 sm:px-8"
      list={
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full bg-white text-[13px]" data-testid="roles-table">
          <thead className="bg-slate-50 text-left text-[11.5px] tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t('role')}
              </th>
              {PERMISSIONS.map((p) => (
                <th key={p} scope="col" className="px-3 py-2 text-center font-semibold" title={t(`grants.${p}`)}>
                  {t(`permission.${p}`)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.id} className="border-t border-slate-100" data-testid="role-row" data-role-name={role.name}>
                <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                  {role.name}
                  {role.builtin && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">{t('builtin')}</span>}
                </th>
                {PERMISSIONS.map((p) => (
                  <td key={p} className="px-3 py-2 text-center" data-testid={`role-permission-${p}`} data-granted={role.permissions.includes(p)}>
                    {role.permissions.includes(p) ? (
                      <span className="text-emerald-600" role="img" aria-label={t('granted')}>
                        ✓
                      </span>
                    ) : (
                      <span className="text-slate-300" role="img" aria-label={t('notGranted')}>
                        —
                      </span>
                    )}
                  </td>
                ))}
                <td className="px-2 py-1.5 text-right whitespace-nowrap">
                  <RowAction
                    icon={<Pencil className="size-3.5" aria-hidden />}
                    label={t('edit')}
                    name={t('editRole', { name: role.name })}
                    testId="role-edit"
                    onClick={() => {
                      setDone(null);
                      setEditing({ mode: 'edit', role });
                    }}
                  />
                  {!role.builtin && (
                    <RowAction
                      icon={<Trash2 className="size-3.5" aria-hidden />}
                      label={t('delete')}
                      name={t('deleteRole', { name: role.name })}
                      danger
                      testId="role-delete"
                      onClick={() => {
                        setDone(null);
                        setDeleting(role);
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      }
    >
      <section className="mt-5" aria-labelledby="permissions-legend">
        <h2 id="permissions-legend" className="text-[13px] font-semibold text-slate-700">
          {t('legend')}
        </h2>
        <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-[12.5px]">
          {PERMISSIONS.map((p) => (
            <div key={p} className="contents">
              <dt className="font-medium text-slate-700">{t(`permission.${p}`)}</dt>
              <dd className="text-slate-500">{t(`grants.${p}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-[12.5px] text-slate-500">{t('channelsHint')}</p>
      </section>

      {editing && (
        <RoleDialog
          role={editing.mode === 'edit' ? editing.role : null}
          onClose={() => setEditing(null)}
          onSaved={(role) => saved(role, editing.mode === 'new' ? t('created', { name: role.name }) : t('saved', { name: role.name }))}
        />
      )}
      {deleting && (
        <DeleteRoleDialog
          role={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setRoles((list) => list.filter((r) => r.id !== deleting.id));
            setDeleting(null);
            setDone(t('deleted', { name: deleting.name }));
            router.refresh();
          }}
        />
      )}
    </SettingsList>
  );
}

/** "New role" and "Edit role": the name and one checkbox per permission, with what it grants. */
function RoleDialog({ role, onClose, onSaved }: { role: Role | null; onClose(): void; onSaved(role: Role): void }) {
  const t = useTranslations('settings.roles');
  const client = useClient();
  const ids = { name: useId(), nameHint: useId(), error: useId() };
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState<Set<string>>(() => new Set(role?.permissions ?? ['CHATS']));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const locked = role !== null && isAdmin(role);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const chosen = PERMISSIONS.filter((p) => permissions.has(p));
    const result = role
      ? await client.mutation(doc(UpdateRoleMutation), { roleId: role.id, name: role.builtin ? null : name, permissions: chosen }).toPromise()
      : await client.mutation(doc(CreateRoleMutation), { name, permissions: chosen }).toPromise();
    setBusy(false);
    const data = result.data as { updateRole?: Role; createRole?: Role } | undefined;
    const saved = data?.updateRole ?? data?.createRole;
    if (saved) onSaved(saved);
    else setError(formError(result.error, t('saveError'), t('networkError')));
  };

  const nameError = error?.field === 'name';

  return (
    <Dialog
      title={role ? t('editTitle', { name: role.name }) : t('newTitle')}
      description={role ? undefined : t('newIntro')}
      closeLabel={t('close')}
      onClose={onClose}
      testId="role-dialog"
      width="max-w-lg"
    >
      <form onSubmit={submit} noValidate>
        <label htmlFor={ids.name} className={labelClass}>
          {t('name')}
        </label>
        <input
          id={ids.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={60}
          autoComplete="off"
          disabled={role?.builtin || busy}
          aria-invalid={nameError || undefined}
          aria-describedby={clsx(role?.builtin && ids.nameHint, nameError && ids.error) || undefined}
          className={clsx(inputClass, nameError && 'border-red-400')}
          data-autofocus={role?.builtin ? undefined : true}
          data-testid="role-name"
        />
        {role?.builtin && (
          <p id={ids.nameHint} className="mt-1 text-[11.5px] text-slate-500">
            {t('builtinName')}
          </p>
        )}

        <fieldset className="mt-4" disabled={busy}>
          <legend className={labelClass}>{t('permissions')}</legend>
          {locked && <p className="mb-1.5 text-[11.5px] text-slate-500">{t('adminLocked')}</p>}
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {PERMISSIONS.map((p, i) => (
              <li key={p}>
                <label className={clsx('flex cursor-pointer items-start gap-2.5 px-3 py-2', locked && 'cursor-default')}>
                  <input
                    type="checkbox"
                    checked={locked || permissions.has(p)}
                    disabled={locked}
                    onChange={(e) => {
                      const next = new Set(permissions);
                      if (e.target.checked) next.add(p);
                      else next.delete(p);
                      setPermissions(next);
                    }}
                    className="mt-0.5 size-3.5 accent-brand-600"
                    data-autofocus={role?.builtin && i === 0 && !locked ? true : undefined}
                    data-testid={`role-permission-${p}-checkbox`}
                  />
                  <span className="min-w-0">
                    <span className="block text-[13px] font-medium text-slate-800">{t(`permission.${p}`)}</span>
                    <span className="block text-[12px] text-slate-500">{t(`grants.${p}`)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <FormProblem id={ids.error} className="mt-3" testId="role-error">
          {error?.message}
        </FormProblem>

        <DialogButtons className="mt-4" cancel={t('cancel')} onCancel={onClose} busy={busy} autoFocus={locked} testId="role-save">
          {role ? t('save') : t('create')}
        </DialogButtons>
      </form>
    </Dialog>
  );
}

/** Asks before deleting; a role still held by employees or keys is refused by the server, which says why. */
function DeleteRoleDialog({ role, onClose, onDeleted }: { role: Role; onClose(): void; onDeleted(): void }) {
  const t = useTranslations('settings.roles');
  const client = useClient();
  return (
    <ConfirmDialog
      title={t('deleteTitle', { name: role.name })}
      description={t('deleteIntro')}
      labels={{ close: t('close'), cancel: t('cancel'), confirm: t('deleteConfirm') }}
      testId={{ dialog: 'role-delete-dialog', confirm: 'role-delete-confirm', error: 'role-delete-error' }}
      onClose={onClose}
      run={async () => {
        const result = await client.mutation(doc(DeleteRoleMutation), { roleId: role.id }).toPromise();
        if (!result.data?.deleteRole) return formError(result.error, t('deleteError'), t('networkError')).message;
        onDeleted();
        return null;
      }}
    />
  );
}
