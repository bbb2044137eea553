import { count, eq } from 'drizzle-orm';
import { forgetViewers, type Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { apiKeys, employees, roles } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { getRoleOrThrow, type RoleRow } from './roles';

/**
 * Deletes a role nobody holds any more; its channel access goes with it. Built-in roles stay,
 * and a role still given to employees or API keys is refused with what to do first.
 */
export async function deleteRole(db: Executor, viewer: Viewer | null, roleId: string): Promise<string> {
  requirePermission(viewer, 'SETTINGS');
  const role = await getRoleOrThrow(db, roleId);
  if (role.builtin) throw badInput(`"${role.name}" is a built-in role and cannot be deleted.`, { field: 'roleId' });

  try {
    await db.transaction(async (tx) => {
      await assertNobodyHolds(tx, role);
      // its channel_roles rows go with it (on delete cascade)
      await tx.delete(roles).where(eq(roles.id, role.id));
    });
  } catch (error) {
    // someone was given the role between the check and the delete: the foreign key refused it
    if (postgresCode(error) === '23503') await assertNobodyHolds(db, role);
    throw error;
  }
  forgetViewers(db);
  return role.id;
}

async function assertNobodyHolds(db: Executor, role: RoleRow) {
  const [{ n: employeeCount }] = await db.select({ n: count() }).from(employees).where(eq(employees.roleId, role.id));
  const [{ n: keyCount }] = await db.select({ n: count() }).from(apiKeys).where(eq(apiKeys.roleId, role.id));
  if (!employeeCount && !keyCount) return;
  const holders = [employeeCount && plural(employeeCount, 'employee', 'employees'), keyCount && plural(keyCount, 'API key', 'API keys')]
    .filter(Boolean)
    .join(' and ');
  throw badInput(`The role "${role.name}" is still assigned to ${holders}. Give them another role (or revoke the keys) first, then delete it.`, {
    field: 'roleId',
    employees: employeeCount,
    apiKeys: keyCount,
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** PostgreSQL's SQLSTATE, wherever the driver (postgres.js, PGlite, drizzle's wrapper) put it. */
function postgresCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
