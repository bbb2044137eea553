import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Credentials, Viewer } from '../auth/viewer';
import { attachments, clients, comments, employees, roles } from '../db/schema';
import type { Locale } from '../domain/chats/title';
import type { ChatView } from '../domain/chats/chat-view';
import { loadChatViews } from '../domain/chats/get-chat';
import type { Deps } from '../domain/deps';

export interface Context {
  deps: Deps;
  viewer: Viewer | null;
  locale: Locale;
  loaders: ReturnType<typeof createLoaders>;
  /** What the viewer signed in with: a live subscription re-checks them, so signing out ends it. */
  credentials?: Credentials;
}

function byKey<T, K>(rows: T[], key: (row: T) => K) {
  return new Map(rows.map((r) => [key(r), r]));
}

function grouped<T>(rows: T[], key: (row: T) => string) {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}

/** Batch loaders, fresh per request (and per live event), so nothing leaks between viewers. */
export function createLoaders(deps: Deps) {
  const db = deps.db;
  return {
    chat: new DataLoader<string, ChatView | null>(async (ids) => {
      const map = byKey(await loadChatViews(db, ids), (v) => v.chat.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    employee: new DataLoader<string, typeof employees.$inferSelect | null>(async (ids) => {
      const map = byKey(await db.select().from(employees).where(inArray(employees.id, [...ids])), (e) => e.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    role: new DataLoader<string, typeof roles.$inferSelect | null>(async (ids) => {
      const map = byKey(await db.select().from(roles).where(inArray(roles.id, [...ids])), (r) => r.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    attachmentsOfMessage: new DataLoader<string, (typeof attachments.$inferSelect)[]>(async (ids) => {
      const rows = await db
        .select()
        .from(attachments)
        .where(inArray(attachments.messageId, [...ids]))
        .orderBy(asc(attachments.position), asc(attachments.createdAt));
      const map = grouped(rows, (a) => a.messageId);
      return ids.map((id) => map.get(id) ?? []);
    }),
    client: new DataLoader<string, typeof clients.$inferSelect | null>(async (ids) => {
      const map = byKey(await db.select().from(clients).where(inArray(clients.id, [...ids])), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    comment: new DataLoader<string, typeof comments.$inferSelect | null>(async (ids) => {
      const map = byKey(await db.select().from(comments).where(inArray(comments.id, [...ids])), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}

export function createContext(deps: Deps, viewer: Viewer | null, locale: Locale = 'en', credentials?: Credentials): Context {
  return { deps, viewer, locale, loaders: createLoaders(deps), credentials };
}
