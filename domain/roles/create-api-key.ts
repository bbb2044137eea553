import { eq } from 'drizzle-orm';
import { createApiKeyRecord } from './api-keys';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { roles } from '../../db/schema';
import { requirePermission } from '../access';
import { badInput } from '../errors';
import { isUuid } from '../chats/get-chat';

/** An integrator's key acting with a role's permissions and channel access; returned once. */
export async function createApiKey(db: Executor, viewer: Viewer | null, input: { name: string; roleId: string }) {
  requirePermission(viewer, 'SETTINGS');
  const name = input.name.trim();
  if (!name) throw badInput('Give the key a name, so you know later who uses it.', { field: 'name' });
  const [role] = isUuid(input.roleId) ? await db.select().from(roles).where(eq(roles.id, input.roleId)) : [];
  if (!role) throw badInput('That role does not exist.', { field: 'roleId' });
  return createApiKeyRecord(db, name, role.id);
}
