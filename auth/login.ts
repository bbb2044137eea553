import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { employees } from '../db/schema';
import { verifyPassword } from './passwords';
import { createSession } from './sessions';

/** Checks e-mail and password; the same answer for an unknown e-mail and a wrong password. */
export async function logIn(db: Executor, email: string, password: string) {
  const [employee] = await db.select().from(employees).where(eq(employees.email, email.trim().toLowerCase()));
  if (!employee || !(await verifyPassword(employee.passwordHash, password))) return null;
  return createSession(db, employee.id);
}
