import { endSession, listSessions, type SessionRow } from '../../auth/sessions';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { sessions } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { requireViewer } from '../access';
import { isUuid } from '../chats/get-chat';
import { notFound } from '../errors';
import { canReadEmployeeDetails } from './visibility';

/** An employee's sessions: to themselves and to SETTINGS; to anyone else as if there were none. */
export async function sessionsOfEmployee(db: Executor, viewer: Viewer | null, employeeId: string): Promise<SessionRow[]> {
  if (!canReadEmployeeDetails(viewer, employeeId)) return [];
  return listSessions(db, employeeId);
}

/**
 * Signs one session out, by its owner or by an admin; its open sockets close at once. Someone
 * else's session is "not found" for anyone without SETTINGS, exactly like a missing one.
 */
export async function revokeSession(db: Executor, viewer: Viewer | null, sessionId: string): Promise<string> {
  requireViewer(viewer);
  const [row] = !isUuid(sessionId) ? [] : await db.select({ employeeId: sessions.employeeId }).from(sessions).where(eq(sessions.id, sessionId));
  if (!row || !canReadEmployeeDetails(viewer, row.employeeId)) throw notFound('The session');
  const ended = await endSession(db, sessionId);
  if (!ended) throw notFound('The session');
  return ended.id;
}
