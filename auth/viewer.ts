import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { apiKeys, channelRoles, channels, employees, roles, sessions } from '../db/schema';
import { ADMIN_ROLE, type Permission } from './permissions';
import { readCookie, SESSION_COOKIE } from './cookies';
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
type Identity = { kind: Viewer['kind']; id: string; employeeId: string | null; name: string; role: RoleRow; channelIds: unknown };

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

/**
 * The one place that turns a request's or a socket's credentials into a viewer, in one statement:
 * who it is, their role, and the channels that role may use.
 */
export async function buildViewer(db: Executor, credentials: Credentials): Promise<Viewer | null> {
  const key = credentialKey(credentials);
  if (!key) return null;
  const cache = cacheFor(db);
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.viewer;
  const viewer = await lookUpViewer(db, credentials);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, { viewer, expires: Date.now() + CACHE_MS });
  return viewer;
}

/**
 * Each request and each live event needs the viewer; re-reading it for every one of them costs a
 * round trip. Answers are kept for two seconds, and every change to roles, access, sessions or keys
 * made in this process clears them at once (another process sees it within two seconds).
 */
const CACHE_MS = 2000;
const CACHE_MAX = 5000;
const caches = new WeakMap<object, Map<string, { viewer: Viewer | null; expires: number }>>();

function cacheFor(db: Executor) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

export function forgetViewers(db: Executor) {
  caches.get(db)?.clear();
}

function credentialKey(credentials: Credentials): string | null {
  const bearer = credentials.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return `key:${hashToken(bearer)}`;
  const token = readCookie(credentials.cookie, SESSION_COOKIE);
  return token ? `session:${hashToken(token)}` : null;
}

async function lookUpViewer(db: Executor, credentials: Credentials): Promise<Viewer | null> {
  const bearer = credentials.authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return toViewer(await apiKeyIdentity(db, eq(apiKeys.keyHash, hashToken(bearer))));
  const token = readCookie(credentials.cookie, SESSION_COOKIE);
  if (!token) return null;
  const [row] = await db
    .select({ employee: employees, role: roles, channelIds: channelIdsOfRole })
    .from(sessions)
    .innerJoin(employees, eq(employees.id, sessions.employeeId))
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  return toViewer(row ? employeeIdentity(row) : null);
}

export async function buildEmployeeViewer(db: Executor, employeeId: string): Promise<Viewer | null> {
  const [row] = await db
    .select({ employee: employees, role: roles, channelIds: channelIdsOfRole })
    .from(employees)
    .innerJoin(roles, eq(roles.id, employees.roleId))
    .where(eq(employees.id, employeeId));
  return toViewer(row ? employeeIdentity(row) : null);
}

/** The same identity's viewer as it stands now (role, permissions and channel access re-read). */
export async function buildViewerFor(db: Executor, viewer: Viewer | null): Promise<Viewer | null> {
  if (!viewer) return null;
  if (viewer.kind === 'employee') return buildEmployeeViewer(db, viewer.id);
  return toViewer(await apiKeyIdentity(db, eq(apiKeys.id, viewer.id)));
}

function employeeIdentity(row: { employee: typeof employees.$inferSelect; role: RoleRow; channelIds: unknown }): Identity {
  return { kind: 'employee', id: row.employee.id, employeeId: row.employee.id, name: row.employee.name, role: row.role, channelIds: row.channelIds };
}

async function apiKeyIdentity(db: Executor, where: ReturnType<typeof eq>): Promise<Identity | null> {
  const [row] = await db
    .select({ key: apiKeys, role: roles, channelIds: channelIdsOfRole })
    .from(apiKeys)
    .innerJoin(roles, eq(roles.id, apiKeys.roleId))
    .where(where);
  return row ? { kind: 'apiKey', id: row.key.id, employeeId: null, name: row.key.name, role: row.role, channelIds: row.channelIds } : null;
}

function toViewer(identity: Identity | null): Viewer | null {
  if (!identity) return null;
  const { role } = identity;
  return {
    kind: identity.kind,
    id: identity.id,
    employeeId: identity.employeeId,
    name: identity.name,
    roleId: role.id,
    roleName: role.name,
    permissions: new Set(role.permissions as Permission[]),
    channelIds: new Set(textArray(identity.channelIds)),
  };
}
