import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ApiKeyRow } from './api-keys';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { apiKeys, roles } from '../../db/schema';
import { canManageSettings, canSeeRole } from '../access';
import { isUuid } from '../chats/get-chat';
import type { RoleRow } from './roles';

/** Roles by id, for a batch loader (an employee's or a key's role, already checked). */
export async function loadRoles(db: Executor, ids: readonly string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(roles).where(inArray(roles.id, [...ids]));
}

/** A role looked up by id: every role for SETTINGS, the viewer's own for anyone else; else null. */
export async function findRole(db: Executor, viewer: Viewer | null, id: string): Promise<RoleRow | null> {
  if (!isUuid(id) || !canSeeRole(viewer, id)) return null;
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  return row ?? null;
}

/** A key that still works, for SETTINGS; else null. */
export async function findApiKey(db: Executor, viewer: Viewer | null, id: string): Promise<ApiKeyRow | null> {
  if (!isUuid(id) || !canManageSettings(viewer)) return null;
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

/** A role by its name (the command line names roles), or null; with every role's name to suggest. */
export async function findRoleByName(db: Executor, name: string): Promise<{ role: RoleRow | null; names: string[] }> {
  const all = await db.select().from(roles);
  return { role: all.find((r) => r.name === name) ?? null, names: all.map((r) => r.name) };
}
