'use client';

import { clsx } from 'clsx';

type PickableRole = { id: string; name: string; builtin: boolean };

/** The built-in Admin sees every channel; its box is shown ticked and can't be cleared. */
export const alwaysHasAccess = (role: PickableRole) => role.builtin && role.name === 'Admin';

/** "Roles with access" when a channel is connected: one box per role that may use chats. */
export function RolePicker({ legend, roles, selected, onChange, className = 'mt-3' }: { legend: string; roles: PickableRole[]; selected: Set<string>; onChange(next: Set<string>): void; className?: string }) {
  return (
    <fieldset className={className}>
      <legend className="mb-1 text-[12.5px] font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {roles.map((role) => {
          const always = alwaysHasAccess(role);
          return (
            <label key={role.id} className={clsx('flex items-center gap-1.5 text-[13px]', always ? 'text-slate-500' : 'text-slate-700')}>
              <input
                type="checkbox"
                checked={always || selected.has(role.id)}
                disabled={always}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(role.id);
                  else next.delete(role.id);
                  onChange(next);
                }}
                className="size-3.5 accent-brand-600"
              />
              {role.name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
