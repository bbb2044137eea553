import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { ADMIN_ROLE } from '../auth/permissions';
import type { Executor } from '../db/client';
import { apiKeys, channelRoles, channels, employees, roles, sessions } from '../db/schema';

/**
 * Who presented credentials, as `auth/viewer.ts` needs it to build a viewer: the employee or API
 * key, its role, and the channels that role may use. Each lookup is one statement.
 */
export interface Identity {
  kind: 'employee' | 'apiKey';
  /** Employee id, or the API key's id. */
  id: string;
  employeeId: string | null;
  name: string;
  role: { id: string; name: string; permissions: string[] };
  channelIds: string[];
}

/** The role's channels, read in the same statement as the identity: the built-in Admin owns all. */
const channelIdsOfRole = sql<unknown>`case when ${roles.builtin} and ${roles.name} = ${ADMIN_ROLE}
  then (select coalesce(array_agg(${channels.id}::text), '{}') from ${channels})
  else (select coalesce(array_agg(${channelRoles.channelId}::text), '{}') from ${channelRoles} where ${channelRoles.roleId} = ${roles.id}) end`;

/** Drivers hand text[] back as an array, or as its literal '{a,b}' when no parser is set. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{')) return value.slice(1, -1).split(',').filter(Boolean);
  return [];
}

type RoleRow = typeof roles.$inferSelect;

function identity(kind: Identity['kind'], id: string, employeeId: string | null, name: string, role: RoleRow, channelIds: unknown): Identity {
  return { kind, id, employeeId, name, role: { id: role.id, name: role.name, permissions: role.permissions }, channelIds: textArray(channelIds) };
}

/** The employee a live session (by its token's hash) belongs to, if they are still active. */
export async function identityOfSession(db: Executor, sessionTokenHash: string): Promise<Identity | null> {
  const [row] = await db
    .select({ employee: employees, role: roles, channelIds: channelIdsOfRole })
    .from(sessions)
    .innerJoin(employees, eq(employees.id, sessions.employeeId))
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(and(eq(sessions.tokenHash, sessionTokenHash), gt(sessions.expiresAt, new Date()), eq(employees.active, true)));
  return row ? identity('employee', row.employee.id, row.employee.id, row.employee.name, row.role, row.channelIds) : null;
}

/** An active employee by id. */
export async function identityOfEmployee(db: Executor, employeeId: string): Promise<Identity | null> {
  const [row] = await db
    .select({ employee: employees, role: roles, channelIds: channelIdsOfRole })
    .from(employees)
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(and(eq(employees.id, employeeId), eq(employees.active, true)));
  return row ? identity('employee', row.employee.id, row.employee.id, row.employee.name, row.role, row.channelIds) : null;
}

/** A key that is not revoked, by the hash of the key or by its id. */
export async function identityOfApiKey(db: Executor, by: { keyHash: string } | { id: string }): Promise<Identity | null> {
  const where: SQL = 'keyHash' in by ? eq(apiKeys.keyHash, by.keyHash) : eq(apiKeys.id, by.id);
  const [row] = await db
    .select({ key: apiKeys, role: roles, channelIds: channelIdsOfRole })
    .from(apiKeys)
    .innerJoin(roles, eq(roles.id, apiKeys.roleId))
    .where(and(where, isNull(apiKeys.revokedAt)));
  return row ? identity('apiKey', row.key.id, null, row.key.name, row.role, row.channelIds) : null;
}

/** "Last used" of a key, shown in Settings › API keys. */
export async function noteApiKeyUse(db: Executor, apiKeyId: string, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, apiKeyId));
}

/** "Last seen" of a session, and the browser it was seen in, shown in the owner's list of sessions. */
export async function noteSessionSeen(db: Executor, sessionTokenHash: string, at: Date, userAgent: string | null | undefined): Promise<void> {
  await db
    .update(sessions)
    .set(userAgent ? { lastSeenAt: at, userAgent: userAgent.slice(0, 400) } : { lastSeenAt: at })
    .where(eq(sessions.tokenHash, sessionTokenHash));
}
