import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { sessions } from '../db/schema';
import { hashToken, randomToken } from './tokens';
import { SESSION_COOKIE } from './cookies';
import { forgetViewers } from './viewer';

const SESSION_DAYS = 30;

export async function createSession(db: Executor, employeeId: string) {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
  await db.insert(sessions).values({ tokenHash: hashToken(token), employeeId, expiresAt });
  return { token, expiresAt };
}

export async function deleteSession(db: Executor, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  forgetViewers(db);
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
