import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { apiKeys, channelRoles, channels, employees, roles, sessions } from '../db/schema';
import { ADMIN_ROLE, type Permission } from './permissions';
import { readCookie, SESSION_COOKIE } from './sessions';
import { hashToken } from './tokens';

export interface Viewer {
  kind: 'employee' | 'apiKey';
  /** Employee id, or the API key's id. */
  id: string;
  employeeId: string | null;
  name: string;
  roleId: string;
  roleName: string;
  permissions: Set<Permission>;
  /** The channels this viewer's role may use; decided once per request or socket event. */
  channelIds: Set<string>;
}

export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
}

type RoleRow = typeof roles.$inferSelect;
type Identity = { kind: Viewer['kind']; id: string; employeeId: string | null; name: string; role: RoleRow };

/**
 * The one place that turns a request's or a socket's credentials into a viewer: one statement
 * for who it is and their role, one for the channels that role may use.
 */
export async function buildViewer(db: Executor, credentials: Credentials): Promise<Viewer | null> {
  const bearer = credentials.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return withChannels(db, await apiKeyIdentity(db, eq(apiKeys.keyHash, hashToken(bearer))));
  const token = readCookie(credentials.cookie, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await db
    .select({ employee: employees, role: roles })
    .from(sessions)
    .innerJoin(employees, eq(employees.id, sessions.employeeId))
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  return withChannels(db, row ? employeeIdentity(row.employee, row.role) : null);
}

export async function buildEmployeeViewer(db: Executor, employeeId: string): Promise<Viewer | null> {
  const [row] = await db
    .select({ employee: employees, role: roles })
    .from(employees)
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(eq(employees.id, employeeId));
  return withChannels(db, row ? employeeIdentity(row.employee, row.role) : null);
}

/** The same identity's viewer as it stands now (role, permissions and channel access re-read). */
export async function buildViewerFor(db: Executor, viewer: Viewer | null): Promise<Viewer | null> {
  if (!viewer) return null;
  if (viewer.kind === 'employee') return buildEmployeeViewer(db, viewer.id);
  return withChannels(db, await apiKeyIdentity(db, eq(apiKeys.id, viewer.id)));
}

function employeeIdentity(employee: typeof employees.$inferSelect, role: RoleRow): Identity {
  return { kind: 'employee', id: employee.id, employeeId: employee.id, name: employee.name, role };
}

async function apiKeyIdentity(db: Executor, where: ReturnType<typeof eq>): Promise<Identity | null> {
  const [row] = await db.select({ key: apiKeys, role: roles }).from(apiKeys).innerJoin(roles, eq(roles.id, apiKeys.roleId)).where(where);
  return row ? { kind: 'apiKey', id: row.key.id, employeeId: null, name: row.key.name, role: row.role } : null;
}

async function withChannels(db: Executor, identity: Identity | null): Promise<Viewer | null> {
  if (!identity) return null;
  const { role } = identity;
  // the built-in Admin owns every channel; other roles see the channels granted to them
  const rows =
    role.builtin && role.name === ADMIN_ROLE
      ? await db.select({ id: channels.id }).from(channels)
      : await db.select({ id: channelRoles.channelId }).from(channelRoles).where(eq(channelRoles.roleId, role.id));
  return {
    kind: identity.kind,
    id: identity.id,
    employeeId: identity.employeeId,
    name: identity.name,
    roleId: role.id,
    roleName: role.name,
    permissions: new Set(role.permissions as Permission[]),
    channelIds: new Set(rows.map((r) => r.id)),
  };
}
