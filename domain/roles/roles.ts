import { asc } from 'drizzle-orm';
import { isPermission } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { roles } from '../../db/schema';
import { requirePermission, requireViewer } from '../access';
import { badInput } from '../errors';

export async function listRoles(db: Executor, viewer: Viewer | null) {
  requireViewer(viewer);
  return db.select().from(roles).orderBy(asc(roles.name));
}

export async function createRole(db: Executor, viewer: Viewer | null, input: { name: string; permissions: string[] }) {
  requirePermission(viewer, 'SETTINGS');
  const name = input.name.trim();
  if (!name) throw badInput('Give the role a name.', { field: 'name' });
  const unknown = input.permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw badInput(`Unknown permission: ${unknown.join(', ')}. Use CHATS, CLIENTS, DOCUMENTS or SETTINGS.`, { field: 'permissions' });
  const [role] = await db
    .insert(roles)
    .values({ name, permissions: [...new Set(input.permissions)] })
    .onConflictDoNothing()
    .returning();
  if (!role) throw badInput(`A role named "${name}" already exists.`, { field: 'name' });
  return role;
}
