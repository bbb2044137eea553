import type { Executor } from '../db/client';
import { identityOfApiKey, identityOfEmployee, identityOfSession, noteApiKeyUse, noteSessionSeen, type Identity } from '../domain/identity';
import type { Permission } from './permissions';
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
  /** Shown in the owner's list of sessions; recorded when a page is loaded. */
  userAgent?: string | null;
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
  const viewer = hit && hit.expires > Date.now() ? hit.viewer : await lookUpViewer(db, key);
  if (viewer !== hit?.viewer) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, { viewer, expires: Date.now() + CACHE_MS });
  }
  if (viewer) noteUse(db, viewer, key, credentials.userAgent);
  return viewer;
}

/**
 * Each request and each live event needs the viewer; re-reading it for every one of them costs a
 * round trip. Answers are kept for two seconds, and every change to roles, access, sessions or keys
 * made in this process clears them at once (another process sees it within two seconds).
 *
 * The custom server and Next's bundle load this module twice (two module graphs), so the cache
 * and the socket listeners live once per process on globalThis: a sign-out handled by a Next
 * route clears what Yoga in the server's graph would otherwise keep answering from.
 */
const CACHE_MS = 2000;
const CACHE_MAX = 5000;
/** Last use of a key and last sight of a session are written at most this often. */
const TOUCH_MS = 60_000;

/** Whose access just ended: one session (by the hash of its token), an employee, or an API key. */
export type EndedAccess = { sessionTokenHash: string } | { employeeId: string } | { apiKeyId: string };

interface SharedState {
  caches: WeakMap<object, Map<string, { viewer: Viewer | null; expires: number }>>;
  touched: Map<string, number>;
  listeners: Set<(ended: EndedAccess) => void>;
}

const STATE = Symbol.for('chats.viewer-state');
function shared(): SharedState {
  const holder = globalThis as { [STATE]?: SharedState };
  return (holder[STATE] ??= { caches: new WeakMap(), touched: new Map(), listeners: new Set() });
}

function cacheFor(db: Executor) {
  const { caches } = shared();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** Role, permission or channel access changed: every viewer is read again on its next use. */
export function forgetViewers(db: Executor) {
  shared().caches.get(db)?.clear();
}

/**
 * A session ended, an employee was deactivated or a key revoked: forget cached viewers and tell
 * every open socket of this process (whichever module graph holds it) so it closes now.
 */
export function endAccess(db: Executor, ended: EndedAccess) {
  forgetViewers(db);
  for (const listener of shared().listeners) {
    try {
      listener(ended);
    } catch {
      // one listener failing must not keep the others open
    }
  }
}

/** The graphql-ws wiring listens here to close the sockets of whoever lost access. */
export function onAccessEnded(listener: (ended: EndedAccess) => void): () => void {
  shared().listeners.add(listener);
  return () => void shared().listeners.delete(listener);
}

/** The hash of the session token the credentials carry, if they carry one (and no key). */
export function sessionTokenHashOf(credentials: Credentials): string | null {
  const key = credentialKey(credentials);
  return key?.startsWith('session:') ? key.slice('session:'.length) : null;
}

/**
 * Keeps "last used" of keys and "last seen" of sessions current without a write per request:
 * one UPDATE per key or session per minute per process, off the request's path.
 */
function noteUse(db: Executor, viewer: Viewer, key: string, userAgent: string | null | undefined) {
  const { touched } = shared();
  const now = Date.now();
  const last = touched.get(key);
  const withAgent = userAgent ? `${key}:ua` : null;
  const agentKnown = withAgent ? touched.has(withAgent) : true;
  if (last !== undefined && now - last < TOUCH_MS && agentKnown) return;
  if (touched.size >= CACHE_MAX) touched.clear();
  touched.set(key, now);
  if (withAgent) touched.set(withAgent, now);
  const at = new Date(now);
  const write = viewer.kind === 'apiKey' ? noteApiKeyUse(db, viewer.id, at) : noteSessionSeen(db, key.slice('session:'.length), at, userAgent);
  write.catch(() => {
    // a closed database (shutdown) or a lost row: nothing a request should fail over
  });
}

/** `key:<hash>` or `session:<hash>`: what the credentials are cached (and refused, auth/refused.ts) under. */
export function credentialKey(credentials: Credentials): string | null {
  if (credentials.authorization) {
    const key = remembered(keysOfAuthorization, credentials.authorization, bearerKey);
    if (key) return key;
  }
  return credentials.cookie ? remembered(keysOfCookie, credentials.cookie, sessionKey) : null;
}

function bearerKey(authorization: string): string | null {
  const bearer = authorization.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer ? `key:${hashToken(bearer)}` : null;
}

function sessionKey(cookie: string): string | null {
  const token = readCookie(cookie, SESSION_COOKIE);
  return token ? `session:${hashToken(token)}` : null;
}

/**
 * The keys of credentials seen lately. A GraphQL request needs its key three times (its rate
 * limit, the gate's note of it, its context) and a client sends the same credentials again and
 * again: each was a SHA-256. Only the hashing is remembered, never whether the credentials are
 * valid (the viewer cache above decides that, and forgets at once on a change of access).
 */
const keysOfAuthorization = new Map<string, string | null>();
const keysOfCookie = new Map<string, string | null>();
const KEYS_MAX = 1000;
/** Longer headers are hashed every time rather than kept. */
const KEYS_MAX_CHARS = 1024;

function remembered(keys: Map<string, string | null>, header: string, keyOf: (header: string) => string | null): string | null {
  let key = keys.get(header);
  if (key === undefined) {
    key = keyOf(header);
    if (header.length > KEYS_MAX_CHARS) return key;
    if (keys.size >= KEYS_MAX) keys.clear();
    keys.set(header, key);
  }
  return key;
}

/** The identity behind a credential key (`key:<hash>` or `session:<hash>`), read from the database. */
async function lookUpViewer(db: Executor, key: string): Promise<Viewer | null> {
  if (key.startsWith('key:')) return toViewer(await identityOfApiKey(db, { keyHash: key.slice('key:'.length) }));
  return toViewer(await identityOfSession(db, key.slice('session:'.length)));
}

export async function buildEmployeeViewer(db: Executor, employeeId: string): Promise<Viewer | null> {
  return toViewer(await identityOfEmployee(db, employeeId));
}

/** The same identity's viewer as it stands now (role, permissions and channel access re-read). */
export async function buildViewerFor(db: Executor, viewer: Viewer | null): Promise<Viewer | null> {
  if (!viewer) return null;
  if (viewer.kind === 'employee') return buildEmployeeViewer(db, viewer.id);
  return toViewer(await identityOfApiKey(db, { id: viewer.id }));
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
    channelIds: new Set(identity.channelIds),
  };
}
