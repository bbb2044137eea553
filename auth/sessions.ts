import { and, desc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { employees, sessions } from '../db/schema';
import { hashToken, randomToken } from './tokens';
import { SESSION_COOKIE } from './cookies';
import { endAccess } from './viewer';

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

/** An employee's live sessions, the most recently used first. */
export async function listSessions(db: Executor, employeeId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.employeeId, employeeId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Ends one session by its public id; returns the row it ended, or null when there was none. */
export async function endSession(db: Executor, sessionId: string): Promise<SessionRow | null> {
  const [row] = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning();
  if (row) endAccess(db, { sessionTokenHash: row.tokenHash });
  return row ?? null;
}

/** Ends every session of an employee (deactivation): next request and open sockets alike. */
export async function endSessionsOf(db: Executor, employeeId: string) {
  await db.delete(sessions).where(eq(sessions.employeeId, employeeId));
  endAccess(db, { employeeId });
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
