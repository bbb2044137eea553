import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { ADMIN_ROLE, isPermission, PERMISSIONS, type Permission } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { roles } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput, notFound } from '../errors';

export type RoleRow = typeof roles.$inferSelect;

const NAME_MAX = 60;

/** Roles are settings: listed to SETTINGS only (decision 010). */
export async function listRoles(db: Executor, viewer: Viewer | null) {
  requirePermission(viewer, 'SETTINGS');
  return db.select().from(roles).orderBy(asc(roles.name));
}

/** The built-in Admin always keeps every permission and every channel, so nobody is locked out. */
export function isAdminRole(role: Pick<RoleRow, 'builtin' | 'name'>): boolean {
  return role.builtin && role.name === ADMIN_ROLE;
}

export function roleName(input: string): string {
  const name = input.trim();
  if (!name) throw badInput('Give the role a name.', { field: 'name' });
  if (name.length > NAME_MAX) throw badInput(`Keep the role name under ${NAME_MAX} characters.`, { field: 'name' });
  return name;
}

/** Known permissions only, each once, in the order the product lists them. */
export function rolePermissions(input: string[]): Permission[] {
  const unknown = [...new Set(input.filter((p) => !isPermission(p)))];
  if (unknown.length) {
    throw badInput(`Unknown permission: ${unknown.join(', ')}. Use ${PERMISSIONS.slice(0, -1).join(', ')} or ${PERMISSIONS.at(-1)}.`, { field: 'permissions' });
  }
  return PERMISSIONS.filter((p) => input.includes(p));
}

/** "Support" and "support" would be two roles nobody can tell apart in a picker. */
export async function assertRoleNameFree(db: Executor, name: string, exceptRoleId?: string) {
  const sameName = sql`lower(${roles.name}) = lower(${name})`;
  const [taken] = await db
    .select({ name: roles.name })
    .from(roles)
    .where(exceptRoleId ? and(sameName, ne(roles.id, exceptRoleId)) : sameName)
    .limit(1);
  if (taken) throw badInput(`A role named "${taken.name}" already exists. Pick another name, or edit that role.`, { field: 'name' });
}

export async function createRole(db: Executor, viewer: Viewer | null, input: { name: string; permissions: string[] }) {
  requirePermission(viewer, 'SETTINGS');
  const name = roleName(input.name);
  const permissions = rolePermissions(input.permissions);
  await assertRoleNameFree(db, name);
  const [role] = await db.insert(roles).values({ name, permissions }).onConflictDoNothing().returning();
  if (!role) throw badInput(`A role named "${name}" already exists. Pick another name, or edit that role.`, { field: 'name' });
  return role;
}

export async function getRoleOrThrow(db: Executor, roleId: string): Promise<RoleRow> {
  const [role] = await db.select().from(roles).where(eq(roles.id, roleId));
  if (!role) throw notFound('The role');
  return role;
}
