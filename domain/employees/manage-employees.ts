import { and, arrayContains, asc, count, eq, sql } from 'drizzle-orm';
import { endSessionsOf } from './sessions';
import { forgetViewers, type Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { employees, roles } from '../../db/schema';
import { requirePermission } from '../access';
import { isUuid } from '../chats/get-chat';
import { badInput, notFound } from '../errors';
import { createEmployee } from './create-employee';

export type EmployeeRow = typeof employees.$inferSelect;

const NAME_MAX = 120;

export async function listEmployees(db: Executor, viewer: Viewer | null): Promise<EmployeeRow[]> {
  requirePermission(viewer, 'SETTINGS');
  return db.select().from(employees).orderBy(sql`${employees.active} desc`, asc(sql`lower(${employees.name})`));
}

async function roleOrThrow(db: Executor, roleId: string) {
  const [role] = isUuid(roleId) ? await db.select().from(roles).where(eq(roles.id, roleId)) : [];
  if (!role) throw badInput('That role does not exist. Pick one from the list.', { field: 'roleId' });
  return role;
}

/** An admin adds a colleague with a first password they hand over; the colleague signs in with it. */
export async function addEmployee(db: Executor, viewer: Viewer | null, input: { name: string; email: string; roleId: string; password: string }) {
  requirePermission(viewer, 'SETTINGS');
  const name = input.name.trim();
  if (!name) throw badInput('Enter the employee’s name.', { field: 'name' });
  if (name.length > NAME_MAX) throw badInput(`Keep the name under ${NAME_MAX} characters.`, { field: 'name' });
  const role = await roleOrThrow(db, input.roleId);
  if (input.password.length > 200) throw badInput('Use a password of at most 200 characters.', { field: 'password' });
  return createEmployee(db, { name, email: input.email, password: input.password, roleId: role.id });
}

export interface UpdateEmployeeInput {
  employeeId: string;
  roleId?: string | null;
  active?: boolean | null;
}

/**
 * Gives an employee another role, or deactivates / reactivates them. Deactivating ends their
 * sessions and open sockets at once. Someone active must always keep the SETTINGS permission,
 * and nobody deactivates themselves.
 */
export async function updateEmployee(db: Executor, viewer: Viewer | null, input: UpdateEmployeeInput): Promise<EmployeeRow> {
  const me = requirePermission(viewer, 'SETTINGS');
  const role = input.roleId != null ? await roleOrThrow(db, input.roleId) : null;
  if (input.active === false && me.employeeId === input.employeeId) {
    throw badInput('You can’t deactivate yourself. Ask another admin to do it.', { field: 'active' });
  }

  const updated = await db.transaction(async (tx) => {
    // one change to who-may-manage-settings at a time, so two admins can't remove each other at once
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('chats.employees.settings'))`);
    const [employee] = isUuid(input.employeeId) ? await tx.select().from(employees).where(eq(employees.id, input.employeeId)) : [];
    if (!employee) throw notFound('The employee');
    const changes: Partial<Pick<EmployeeRow, 'roleId' | 'active'>> = {};
    if (role && role.id !== employee.roleId) changes.roleId = role.id;
    if (input.active != null && input.active !== employee.active) changes.active = input.active;
    if (!Object.keys(changes).length) return employee;

    const [row] = await tx.update(employees).set(changes).where(eq(employees.id, employee.id)).returning();
    const [{ n: managers }] = await tx
      .select({ n: count() })
      .from(employees)
      .innerJoin(roles, eq(roles.id, employees.roleId))
      .where(and(eq(employees.active, true), arrayContains(roles.permissions, ['SETTINGS'])));
    if (managers === 0) {
      throw badInput(
        changes.active === false
          ? `${employee.name} is the last active employee who can manage settings. Give someone else a role with SETTINGS first.`
          : `${employee.name} is the last active employee who can manage settings, so they keep a role with SETTINGS. Give someone else such a role first.`,
        { field: changes.active === false ? 'active' : 'roleId' },
      );
    }
    return row;
  });

  if (updated.active === false && input.active === false) await endSessionsOf(db, updated.id);
  else forgetViewers(db);
  return updated;
}
