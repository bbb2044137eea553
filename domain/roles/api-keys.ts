import { and, desc, eq, isNull } from 'drizzle-orm';
import { endAccess, type Viewer } from '../../auth/viewer';
import { newApiKey } from '../../auth/tokens';
import type { Executor } from '../../db/client';
import { apiKeys } from '../../db/schema';
import { requirePermission } from '../access';
import { notFound } from '../errors';
import { isUuid } from '../chats/get-chat';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Stores only the hash; the returned key is shown once. No permission check: callers have decided (the CLI, `createApiKey`). */
export async function createApiKeyRecord(db: Executor, name: string, roleId: string): Promise<string> {
  const { key, keyHash, prefix } = newApiKey();
  await db.insert(apiKeys).values({ name, roleId, keyHash, prefix });
  return key;
}

/** Keys that still work, newest first. */
export async function listApiKeys(db: Executor, viewer: Viewer | null): Promise<ApiKeyRow[]> {
  requirePermission(viewer, 'SETTINGS');
  return db.select().from(apiKeys).where(isNull(apiKeys.revokedAt)).orderBy(desc(apiKeys.createdAt));
}

/** Refused from the next request on, and its open sockets are closed; a revoked key is gone. */
export async function revokeApiKey(db: Executor, viewer: Viewer | null, apiKeyId: string): Promise<string> {
  requirePermission(viewer, 'SETTINGS');
  const [row] = isUuid(apiKeyId)
    ? await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
        .returning()
    : [];
  if (!row) throw notFound('The API key');
  endAccess(db, { apiKeyId: row.id });
  return row.id;
}
