import { eq, inArray } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { employees } from '../../db/schema';
import { isUuid } from '../chats/get-chat';
import type { EmployeeRow } from './manage-employees';
import { canReadEmployeeDetails } from './visibility';

/** Employees by id, for a batch loader: a chat shows its senders' names (decision 010). */
export async function loadEmployees(db: Executor, ids: readonly string[]): Promise<EmployeeRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(employees).where(inArray(employees.id, [...ids]));
}

/** An employee looked up by id: the viewer themselves, or anyone for SETTINGS; else null. */
export async function findEmployee(db: Executor, viewer: Viewer | null, id: string): Promise<EmployeeRow | null> {
  if (!isUuid(id) || !canReadEmployeeDetails(viewer, id)) return null;
  const [row] = await db.select().from(employees).where(eq(employees.id, id));
  return row ?? null;
}
