import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { apiKeys, channelRoles, channels, employees, roles } from '../db/schema';
import { findApiKey } from './api-keys';
import { ADMIN_ROLE, type Permission } from './permissions';
import { findSessionEmployeeId, readCookie, SESSION_COOKIE } from './sessions';

export interface Viewer {
  kind: 'employee' | 'apiKey';
  /** Employee id, or the API key's id. */
  id: string;
  employeeId: string | null;
  name: string;
  roleId: string;
  roleName: string;
  permissions: Set<Permission>;
  /** The channels this viewer's role may use; decided once per request or socket. */
  channelIds: Set<string>;
}

export interface Credentials {
  authorization?: string | null;
  cookie?: string | null;
}

/** The one place that turns a request's or a socket's credentials into a viewer. */
export async function buildViewer(db: Executor, credentials: Credentials): Promise<Viewer | null> {
  const bearer = credentials.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) {
    const key = await findApiKey(db, bearer);
    if (!key) return null;
    return viewerForRole(db, { kind: 'apiKey', id: key.id, employeeId: null, name: key.name, roleId: key.roleId });
  }
  const token = readCookie(credentials.cookie, SESSION_COOKIE);
  if (!token) return null;
  const employeeId = await findSessionEmployeeId(db, token);
  if (!employeeId) return null;
  return buildEmployeeViewer(db, employeeId);
}

export async function buildEmployeeViewer(db: Executor, employeeId: string): Promise<Viewer | null> {
  const [employee] = await db.select().from(employees).where(eq(employees.id, employeeId));
  if (!employee) return null;
  return viewerForRole(db, { kind: 'employee', id: employee.id, employeeId: employee.id, name: employee.name, roleId: employee.roleId });
}

async function viewerForRole(
  db: Executor,
  base: { kind: Viewer['kind']; id: string; employeeId: string | null; name: string; roleId: string },
): Promise<Viewer | null> {
  const [role] = await db.select().from(roles).where(eq(roles.id, base.roleId));
  if (!role) return null;
  // the built-in Admin owns every channel; other roles see the channels granted to them
  const rows =
    role.builtin && role.name === ADMIN_ROLE
      ? await db.select({ id: channels.id }).from(channels)
      : await db.select({ id: channelRoles.channelId }).from(channelRoles).where(eq(channelRoles.roleId, role.id));
  return {
    ...base,
    roleName: role.name,
    permissions: new Set(role.permissions as Permission[]),
    channelIds: new Set(rows.map((r) => r.id)),
  };
}

/** The same identity's viewer as it stands now (role, permissions and channel access re-read). */
export async function buildViewerFor(db: Executor, viewer: Viewer | null): Promise<Viewer | null> {
  if (!viewer) return null;
  if (viewer.kind === 'employee') return buildEmployeeViewer(db, viewer.id);
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, viewer.id));
  return key ? viewerForRole(db, { kind: 'apiKey', id: key.id, employeeId: null, name: key.name, roleId: key.roleId }) : null;
}
