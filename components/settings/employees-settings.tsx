'use client';

import { clsx } from 'clsx';
import { KeyRound, RotateCcw, UserCog, UserX } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useId, useState } from 'react';
import type { EmployeeSettingsFragment } from '../../graphql-client/graphql';
import { doc, useClient } from '../../lib/ui/gql';
import { Dialog } from '../ui/dialog';
import { inputClass, labelClass, primaryButton, secondaryButton } from '../ui/form';
import { SettingsList } from './list-states';
import { ConfirmDialog, CopyButton, formError, selectClass, type FormError } from './admin-parts';
import { CreateEmployeeMutation, UpdateEmployeeMutation } from './admin-queries';
import { SessionsList } from './sessions-list';
import { DialogButtons, FormProblem, RowAction, useSubmit } from './form-parts';

type Employee = EmployeeSettingsFragment;
type Role = { id: string; name: string };

const byStatusThenName = (a: Employee, b: Employee) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name);

type Open =
  | { kind: 'add' }
  | { kind: 'created'; employee: Employee; password: string }
  | { kind: 'role'; employee: Employee }
  | { kind: 'active'; employee: Employee }
  | { kind: 'sessions'; employee: Employee };

/** Settings › Employees: who can sign in, with which role; add, change role, deactivate, sessions. */
export function EmployeesSettings({ employees: initial, roles, viewerId }: { employees: Employee[] | null; roles: Role[]; viewerId: string | null }) {
  const t = useTranslations('settings.employees');
  const [employees, setEmployees] = useState(() => [...(initial ?? [])].sort(byStatusThenName));
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const upsert = (employee: Employee) => setEmployees((list) => [...list.filter((e) => e.id !== employee.id), employee].sort(byStatusThenName));
  // a session signed out in the Sessions dialog leaves the row's count and the next opening of the dialog too
  const forgetSession = (employeeId: string, sessionId: string) =>
    setEmployees((list) => list.map((e) => (e.id === employeeId ? { ...e, sessions: e.sessions.filter((s) => s.id !== sessionId) } : e)));

  return (
    <SettingsList
      name="employees"
      t={t}
      add={{
        label: t('add'),
        testId: 'employee-new',
        onClick: () => {
          setDone(null);
          setOpen({ kind: 'add' });
        },
      }}
      done={done}
      failed={initial === null}
      empty={employees.length === 0}
      list={
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="employees-list">
          {employees.map((employee) => {
            const self = employee.id === viewerId;
            return (
              <li
                key={employee.id}
                className={clsx('flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2.5', !employee.active && 'bg-slate-50')}
                data-testid="employee-row"
                data-email={employee.email}
                data-active={employee.active}
              >
                <div className="min-w-0 flex-[2_1_14rem]">
                  <p className={clsx('truncate font-medium', employee.active ? 'text-slate-900' : 'text-slate-500')}>
                    {employee.name}
                    {self && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-[11px] font-normal text-brand-700">{t('you')}</span>}
                  </p>
                  <p className="truncate text-[12.5px] text-slate-500">{employee.email}</p>
                </div>
                <div className="min-w-0 flex-[1_1_8rem] text-[12.5px]">
                  <p className="text-slate-700" data-testid="employee-role">
                    {employee.role.name}
                  </p>
                  <p className={employee.active ? 'text-emerald-700' : 'text-slate-500'} data-testid="employee-state">
                    {employee.active ? t('active') : t('inactive')}
                    {employee.active && ` · ${t('sessionCount', { count: employee.sessions.length })}`}
                  </p>
                </div>
                <div className="ml-auto flex flex-wrap justify-end gap-1 sm:w-[24rem]">
                  <RowAction
                    icon={<UserCog className="size-3.5" aria-hidden />}
                    label={t('changeRole')}
                    name={t('changeRoleOf', { name: employee.name })}
                    testId="employee-role-change"
                    onClick={() => setOpen({ kind: 'role', employee })}
                  />
                  {employee.active && (
                    <RowAction
                      icon={<KeyRound className="size-3.5" aria-hidden />}
                      label={t('sessions')}
                      name={t('sessionsOf', { name: employee.name })}
                      testId="employee-sessions"
                      onClick={() => setOpen({ kind: 'sessions', employee })}
                    />
                  )}
                  {!self && (
                    <RowAction
                      icon={employee.active ? <UserX className="size-3.5" aria-hidden /> : <RotateCcw className="size-3.5" aria-hidden />}
                      label={employee.active ? t('deactivate') : t('reactivate')}
                      name={employee.active ? t('deactivateName', { name: employee.name }) : t('reactivateName', { name: employee.name })}
                      danger={employee.active}
                      testId={employee.active ? 'employee-deactivate' : 'employee-reactivate'}
                      onClick={() => setOpen({ kind: 'active', employee })}
                    />
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      }
    >
      {open?.kind === 'add' && (
        <AddEmployeeDialog
          roles={roles}
          onClose={() => setOpen(null)}
          onCreated={(employee, password) => {
            upsert(employee);
            setOpen({ kind: 'created', employee, password });
          }}
        />
      )}
      {open?.kind === 'created' && (
        <Dialog title={t('createdTitle', { name: open.employee.name })} description={t('createdIntro')} closeLabel={t('close')} onClose={() => setOpen(null)} testId="employee-created">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-[13px]">
            <dt className="text-slate-500">{t('email')}</dt>
            <dd className="font-medium break-all text-slate-900">{open.employee.email}</dd>
            <dt className="text-slate-500">{t('password')}</dt>
            <dd className="font-mono break-all text-slate-900" data-testid="employee-created-password">
              {open.password}
            </dd>
          </dl>
          <p className="mt-2 text-[12px] text-slate-500">{t('shownOnce')}</p>
          <div className="mt-4 flex justify-end gap-2">
            <CopyButton value={`${open.employee.email}\n${open.password}`} testId="employee-created-copy" />
            <button type="button" className={primaryButton} onClick={() => setOpen(null)} data-autofocus>
              {t('done')}
            </button>
          </div>
        </Dialog>
      )}
      {open?.kind === 'role' && (
        <ChangeRoleDialog
          employee={open.employee}
          roles={roles}
          onClose={() => setOpen(null)}
          onSaved={(employee) => {
            upsert(employee);
            setOpen(null);
            setDone(t('roleChanged', { name: employee.name, role: employee.role.name }));
          }}
        />
      )}
      {open?.kind === 'active' && (
        <ActiveDialog
          employee={open.employee}
          onClose={() => setOpen(null)}
          onSaved={(employee) => {
            upsert(employee);
            setOpen(null);
            setDone(employee.active ? t('reactivated', { name: employee.name }) : t('deactivated', { name: employee.name }));
          }}
        />
      )}
      {open?.kind === 'sessions' && (
        <Dialog title={t('sessionsTitle', { name: open.employee.name })} description={t('sessionsIntro')} closeLabel={t('close')} onClose={() => setOpen(null)} testId="employee-sessions-dialog" width="max-w-xl">
          <SessionsList sessions={open.employee.sessions} onRevoked={(sessionId) => forgetSession(open.employee.id, sessionId)} />
        </Dialog>
      )}
    </SettingsList>
  );
}

/** A first password that is easy to read out and type: no look-alike characters. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function AddEmployeeDialog({ roles, onClose, onCreated }: { roles: Role[]; onClose(): void; onCreated(employee: Employee, password: string): void }) {
  const t = useTranslations('settings.employees');
  const client = useClient();
  const ids = { name: useId(), email: useId(), role: useId(), password: useId(), passwordHint: useId(), error: useId() };
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roleId, setRoleId] = useState(() => roles.find((r) => r.name === 'Operator')?.id ?? roles[0]?.id ?? '');
  const [password, setPassword] = useState(generatePassword);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await client.mutation(doc(CreateEmployeeMutation), { name, email, roleId, password }).toPromise();
    setBusy(false);
    if (result.data?.createEmployee) onCreated(result.data.createEmployee, password);
    else setError(formError(result.error, t('saveError'), t('networkError')));
  };
  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {});

  return (
    <Dialog title={t('addTitle')} description={t('addIntro')} closeLabel={t('close')} onClose={onClose} testId="employee-dialog" width="max-w-lg">
      <form onSubmit={submit} noValidate className="space-y-3">
        <div>
          <label htmlFor={ids.name} className={labelClass}>
            {t('name')}
          </label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoComplete="off" className={inputClass} data-testid="employee-name" {...invalid('name')} />
        </div>
        <div>
          <label htmlFor={ids.email} className={labelClass}>
            {t('email')}
          </label>
          <input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" className={inputClass} data-testid="employee-email" {...invalid('email')} />
        </div>
        <div>
          <label htmlFor={ids.role} className={labelClass}>
            {t('role')}
          </label>
          <select id={ids.role} value={roleId} onChange={(e) => setRoleId(e.target.value)} className={selectClass} data-testid="employee-role-select" {...invalid('roleId')}>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.password} className={labelClass}>
            {t('firstPassword')}
          </label>
          <div className="flex gap-2">
            <input
              id={ids.password}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              minLength={8}
              autoComplete="new-password"
              spellCheck={false}
              className={clsx(inputClass, 'font-mono')}
              aria-describedby={ids.passwordHint}
              data-testid="employee-password"
              {...invalid('password')}
            />
            <button type="button" className={`${secondaryButton} shrink-0 whitespace-nowrap`} onClick={() => setPassword(generatePassword())}>
              {t('generate')}
            </button>
          </div>
          <p id={ids.passwordHint} className="mt-1 text-[11.5px] text-slate-500">
            {t('passwordHint')}
          </p>
        </div>
        <FormProblem id={ids.error} testId="employee-error">
          {error?.message}
        </FormProblem>
        <DialogButtons cancel={t('cancel')} onCancel={onClose} busy={busy} testId="employee-save">
          {t('create')}
        </DialogButtons>
      </form>
    </Dialog>
  );
}

function ChangeRoleDialog({ employee, roles, onClose, onSaved }: { employee: Employee; roles: Role[]; onClose(): void; onSaved(e: Employee): void }) {
  const t = useTranslations('settings.employees');
  const client = useClient();
  const ids = { role: useId(), error: useId() };
  const [roleId, setRoleId] = useState(employee.role.id);
  const { busy, error, submit } = useSubmit(async () => {
    const result = await client.mutation(doc(UpdateEmployeeMutation), { employeeId: employee.id, roleId }).toPromise();
    if (!result.data?.updateEmployee) return formError(result.error, t('saveError'), t('networkError')).message;
    onSaved(result.data.updateEmployee);
    return null;
  });

  return (
    <Dialog title={t('roleTitle', { name: employee.name })} description={t('roleIntro')} closeLabel={t('close')} onClose={onClose} testId="employee-role-dialog">
      <form onSubmit={submit}>
        <label htmlFor={ids.role} className={labelClass}>
          {t('role')}
        </label>
        <select id={ids.role} value={roleId} onChange={(e) => setRoleId(e.target.value)} className={selectClass} aria-describedby={error ? ids.error : undefined} data-testid="employee-role-change-select">
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <FormProblem id={ids.error} className="mt-3" testId="employee-role-error">
          {error}
        </FormProblem>
        <DialogButtons className="mt-4" cancel={t('cancel')} onCancel={onClose} busy={busy} disabled={roleId === employee.role.id} testId="employee-role-save">
          {t('save')}
        </DialogButtons>
      </form>
    </Dialog>
  );
}

/** Asks before deactivating (signs them out everywhere) or reactivating. */
function ActiveDialog({ employee, onClose, onSaved }: { employee: Employee; onClose(): void; onSaved(e: Employee): void }) {
  const t = useTranslations('settings.employees');
  const client = useClient();
  const deactivating = employee.active;
  return (
    <ConfirmDialog
      title={deactivating ? t('deactivateTitle', { name: employee.name }) : t('reactivateTitle', { name: employee.name })}
      description={deactivating ? t('deactivateIntro') : t('reactivateIntro')}
      labels={{ close: t('close'), cancel: t('cancel'), confirm: deactivating ? t('deactivate') : t('reactivate') }}
      danger={deactivating}
      testId={{ dialog: 'employee-active-dialog', confirm: 'employee-active-confirm', error: 'employee-active-error' }}
      onClose={onClose}
      run={async () => {
        const result = await client.mutation(doc(UpdateEmployeeMutation), { employeeId: employee.id, active: !deactivating }).toPromise();
        if (!result.data?.updateEmployee) return formError(result.error, t('saveError'), t('networkError')).message;
        onSaved(result.data.updateEmployee);
        return null;
      }}
    />
  );
}
