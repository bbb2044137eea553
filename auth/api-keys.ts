import type { Executor } from '../db/client';
import { apiKeys } from '../db/schema';
import { hashToken, randomToken } from './tokens';

const PREFIX = 'chk_';

/** Stores only the hash; the returned key is shown once. */
export async function createApiKeyRecord(db: Executor, name: string, roleId: string): Promise<string> {
  const key = PREFIX + randomToken(24);
  await db.insert(apiKeys).values({ name, roleId, keyHash: hashToken(key), prefix: key.slice(0, 8) });
  return key;
}
