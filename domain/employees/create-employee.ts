import { eq } from 'drizzle-orm';
import { hashPassword } from '../../auth/passwords';
import { BUILTIN_ROLES } from '../../auth/permissions';
import type { Executor } from '../../db/client';
import { employees, roles } from '../../db/schema';
import { badInput } from '../errors';

/** Creates Admin and Operator if they are missing; returns them by name. */
export async function ensureBuiltinRoles(db: Executor) {
  for (const [name, permissions] of Object.entries(BUILTIN_ROLES)) {
    await db.insert(roles).values({ name, permissions, builtin: true }).onConflictDoNothing();
  }
  const rows = await db.select().from(roles);
  return Object.fromEntries(rows.map((r) => [r.name, r]));
}

export async function createEmployee(db: Executor, input: { name: string; email: string; password: string; roleId: string }) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw badInput('That e-mail address does not look right.', { field: 'email' });
  if (input.password.length < 8) throw badInput('Use a password of at least 8 characters.', { field: 'password' });
  const [existing] = await db.select({ id: employees.id }).from(employees).where(eq(employees.email, email));
  if (existing) throw badInput(`An employee with ${email} already exists.`, { field: 'email' });
  const [row] = await db
    .insert(employees)
    .values({ name: input.name.trim() || email, email, passwordHash: await hashPassword(input.password), roleId: input.roleId })
    .returning();
  return row;
}
