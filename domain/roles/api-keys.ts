import { listApiKeyRecords, revokeApiKeyRecord, type ApiKeyRow } from '../../auth/api-keys';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { requirePermission } from '../access';
import { notFound } from '../errors';
import { isUuid } from '../chats/get-chat';

export async function listApiKeys(db: Executor, viewer: Viewer | null): Promise<ApiKeyRow[]> {
  requirePermission(viewer, 'SETTINGS');
  return listApiKeyRecords(db);
}

/** Refused from the next request on, and its open sockets are closed; a revoked key is gone. */
export async function revokeApiKey(db: Executor, viewer: Viewer | null, apiKeyId: string): Promise<string> {
  requirePermission(viewer, 'SETTINGS');
  const row = isUuid(apiKeyId) ? await revokeApiKeyRecord(db, apiKeyId) : null;
  if (!row) throw notFound('The API key');
  return row.id;
}
