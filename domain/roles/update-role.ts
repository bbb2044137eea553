import { eq } from 'drizzle-orm';
import { PERMISSIONS } from '../../auth/permissions';
import { forgetViewers, type Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { roles } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { assertRoleNameFree, getRoleOrThrow, isAdminRole, roleName, rolePermissions } from './roles';

export interface UpdateRoleInput {
  roleId: string;
  name?: string | null;
  permissions?: string[] | null;
}

/**
 * Renames a role or replaces its permissions; whoever has the role gets the change on their next
 * request or live event. Built-in roles keep their name, and the built-in Admin keeps everything.
 */
export async function updateRole(db: Executor, viewer: Viewer | null, input: UpdateRoleInput) {
  requirePermission(viewer, 'SETTINGS');
  const role = await getRoleOrThrow(db, input.roleId);
  const changes: { name?: string; permissions?: string[] } = {};

  if (input.name != null) {
    const name = roleName(input.name);
    if (name !== role.name) {
      if (role.builtin) {
        throw badInput(`"${role.name}" is a built-in role and keeps its name. Create a new role if you need another name.`, { field: 'name' });
      }
      await assertRoleNameFree(db, name, role.id);
      changes.name = name;
    }
  }

  if (input.permissions != null) {
    const permissions = rolePermissions(input.permissions);
    if (isAdminRole(role) && permissions.length !== PERMISSIONS.length) {
      throw badInput(
        `The built-in ${role.name} role keeps every permission, so someone can always manage settings. Create a new role with fewer permissions instead.`,
        { field: 'permissions' },
      );
    }
    changes.permissions = permissions;
  }

  if (!changes.name && !changes.permissions) return role;
  const [updated] = await db.update(roles).set(changes).where(eq(roles.id, role.id)).returning();
  forgetViewers(db);
  return updated;
}
