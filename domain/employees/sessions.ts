import { and, desc, eq, gt } from 'drizzle-orm';
import { endAccess, type Viewer } from '../../auth/viewer';
import { hashToken, randomToken } from '../../auth/tokens';
import type { Executor } from '../../db/client';
import { employees, sessions } from '../../db/schema';
import { requireViewer } from '../access';
import { isUuid } from '../chats/get-chat';
import { notFound } from '../errors';
import { canReadEmployeeDetails } from './visibility';

const SESSION_DAYS = 30;

export type SessionRow = typeof sessions.$inferSelect;

/** A new session for an active employee; null for a deactivated one (they can't sign in). */
export async function createSession(db: Executor, employeeId: string, userAgent?: string | null) {
  const [employee] = await db.select({ active: employees.active }).from(employees).where(eq(employees.id, employeeId));
  if (!employee?.active) return null;
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), employeeId, expiresAt, userAgent: userAgent?.slice(0, 400) ?? null });
  return { token, expiresAt };
}

/** Signing out: the session ends for the next request and for its open sockets alike. */
export async function deleteSession(db: Executor, token: string) {
  const tokenHash = hashToken(token);
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  endAccess(db, { sessionTokenHash: tokenHash });
}

/** Ends every session of an employee (deactivation): next request and open sockets alike. */
export async function endSessionsOf(db: Executor, employeeId: string) {
  await db.delete(sessions).where(eq(sessions.employeeId, employeeId));
  endAccess(db, { employeeId });
}

/** An employee's sessions: to themselves and to SETTINGS; to anyone else as if there were none. */
export async function sessionsOfEmployee(db: Executor, viewer: Viewer | null, employeeId: string): Promise<SessionRow[]> {
  if (!canReadEmployeeDetails(viewer, employeeId)) return [];
  // live sessions, the most recently used first
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.employeeId, employeeId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/**
 * Signs one session out, by its owner or by an admin; its open sockets close at once. Someone
 * else's session is "not found" for anyone without SETTINGS, exactly like a missing one.
 */
export async function revokeSession(db: Executor, viewer: Viewer | null, sessionId: string): Promise<string> {
  requireViewer(viewer);
  const [row] = !isUuid(sessionId) ? [] : await db.select({ employeeId: sessions.employeeId }).from(sessions).where(eq(sessions.id, sessionId));
  if (!row || !canReadEmployeeDetails(viewer, row.employeeId)) throw notFound('The session');
  const [ended] = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning();
  if (!ended) throw notFound('The session');
  endAccess(db, { sessionTokenHash: ended.tokenHash });
  return ended.id;
}
