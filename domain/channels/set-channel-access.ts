import { eq, inArray } from 'drizzle-orm';
import { forgetViewers, type Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { channelRoles, channels, roles } from '../../db/schema';
import { requirePermission } from '../access';
import type { Deps } from '../deps';
import { badInput, notFound } from '../errors';
import { isUuid } from '../chats/get-chat';

export async function assertRolesExist(db: Executor, roleIds: string[]) {
  if (roleIds.length === 0) return;
  if (!roleIds.every(isUuid)) throw badInput('One of the roles does not exist.', { field: 'roleIds' });
  const found = await db.select({ id: roles.id }).from(roles).where(inArray(roles.id, roleIds));
  if (found.length !== new Set(roleIds).size) throw badInput('One of the roles does not exist.', { field: 'roleIds' });
}

/** Which roles may use a channel; replaces the previous list. */
export async function setChannelAccess(deps: Deps, viewer: Viewer | null, channelId: string, roleIds: string[]) {
  requirePermission(viewer, 'SETTINGS');
  const [channel] = isUuid(channelId) ? await deps.db.select().from(channels).where(eq(channels.id, channelId)) : [];
  if (!channel) throw notFound('The channel');
  const unique = [...new Set(roleIds)];
  await assertRolesExist(deps.db, unique);
  await deps.db.transaction(async (tx) => {
    await tx.delete(channelRoles).where(eq(channelRoles.channelId, channelId));
    if (unique.length) await tx.insert(channelRoles).values(unique.map((roleId) => ({ channelId, roleId })));
  });
  forgetViewers(deps.db);
  return channel;
}
