import { desc, eq, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { calls, clients } from '../../db/schema';
import { displayPhone } from '../../lib/phone';
import { requirePermission } from '../access';
import { isUuid } from '../chats/get-chat';
import { clampPageSize, decodeCursor, pageOfRows, type Page } from '../cursor';
import { badInput, notFound } from '../errors';

export type CallRow = typeof calls.$inferSelect;

const MAX_PHONE_LENGTH = 40;
const MAX_DURATION_SECONDS = 7 * 24 * 3600;

/**
 * A call a telephony integration reports. The number is kept in E.164 when it reads as one; the
 * client is the one given, else the one client with exactly that number (none when several share it).
 * Calls are client data: CLIENTS reads and writes them.
 */
export async function logCall(
  db: Executor,
  viewer: Viewer | null,
  input: { phone: string; direction: 'INBOUND' | 'OUTBOUND'; startedAt: Date; durationSeconds?: number | null; clientId?: string | null },
): Promise<CallRow> {
  requirePermission(viewer, 'CLIENTS');
  const raw = input.phone.replaceAll('\u0000', '').trim();
  if (!raw) throw badInput('Give the phone number of the call.', { field: 'phone' });
  if (raw.length > MAX_PHONE_LENGTH) throw badInput(`A phone number can be at most ${MAX_PHONE_LENGTH} characters.`, { field: 'phone' });
  const duration = input.durationSeconds ?? null;
  if (duration !== null && (duration < 0 || duration > MAX_DURATION_SECONDS)) {
    throw badInput('durationSeconds must be between 0 and 604800 (a week).', { field: 'durationSeconds' });
  }
  if (Number.isNaN(input.startedAt.getTime())) throw badInput('startedAt is not a valid time.', { field: 'startedAt' });
  const phone = displayPhone(raw)?.e164 ?? raw;

  let clientId: string | null = null;
  if (input.clientId) {
    const [client] = isUuid(input.clientId) ? await db.select({ id: clients.id }).from(clients).where(eq(clients.id, input.clientId)) : [];
    if (!client) throw notFound('The client');
    clientId = client.id;
  } else {
    const owners = await db.select({ id: clients.id }).from(clients).where(eq(clients.phone, phone)).limit(2);
    if (owners.length === 1) clientId = owners[0].id;
  }
  const [call] = await db.insert(calls).values({ phone, direction: input.direction, startedAt: input.startedAt, durationSeconds: duration, clientId }).returning();
  return call;
}

/** The Calls page: newest first, keyset-paged. */
export async function listCalls(db: Executor, viewer: Viewer | null, input: { first?: number | null; after?: string | null }): Promise<Page<CallRow>> {
  requirePermission(viewer, 'CLIENTS');
  const size = clampPageSize(input.first, 25, 100);
  const after = input.after ? decodeCursor(input.after) : null;
  if (input.after && !after) throw badInput('The "after" cursor is not one this API gave out.');
  if (size === 0) return { items: [], cursors: [], hasNextPage: false, hasPreviousPage: Boolean(after) };
  const rows = await db
    .select()
    .from(calls)
    .where(after ? sql`(${calls.startedAt}, ${calls.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(size + 1);
  return pageOfRows(rows, size, Boolean(after), (c) => ({ at: c.startedAt, id: c.id }));
}

export async function findCall(db: Executor, viewer: Viewer | null, id: string): Promise<CallRow | null> {
  if (!isUuid(id) || !viewer?.permissions.has('CLIENTS')) return null;
  const [row] = await db.select().from(calls).where(eq(calls.id, id));
  return row ?? null;
}
