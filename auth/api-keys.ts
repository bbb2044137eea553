import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { apiKeys } from '../db/schema';
import { hashToken, randomToken } from './tokens';
import { endAccess } from './viewer';

const PREFIX = 'chk_';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Stores only the hash; the returned key is shown once. */
export async function createApiKeyRecord(db: Executor, name: string, roleId: string): Promise<string> {
  const key = PREFIX + randomToken(24);
  await db.insert(apiKeys).values({ name, roleId, keyHash: hashToken(key), prefix: key.slice(0, 8) });
  return key;
}

/** Keys that still work, newest first. */
export async function listApiKeyRecords(db: Executor): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(isNull(apiKeys.revokedAt)).orderBy(desc(apiKeys.createdAt));
}

/** Refused from the next request on; its open sockets are closed. Null when no live key has that id. */
export async function revokeApiKeyRecord(db: Executor, id: string): Promise<ApiKeyRow | null> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (row) endAccess(db, { apiKeyId: row.id });
  return row ?? null;
}
