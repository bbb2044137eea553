import DataLoader from 'dataloader';
import type { Credentials, Viewer } from '../auth/viewer';
import type { Locale } from '../domain/chats/title';
import type { ChatView } from '../domain/chats/chat-view';
import { loadChatViews } from '../domain/chats/get-chat';
import { loadClients, type ClientRow } from '../domain/clients/clients';
import { chatItemKinds, type ChatItemKinds } from '../domain/comments/chat-item-kinds';
import { loadComments, type CommentRow } from '../domain/comments/find-comment';
import { loadEmployees } from '../domain/employees/find-employee';
import type { EmployeeRow } from '../domain/employees/manage-employees';
import { attachmentsOfMessages, type AttachmentRow } from '../domain/messages/find-message';
import { loadRoles } from '../domain/roles/find-role';
import type { RoleRow } from '../domain/roles/roles';
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

/** Batch loaders, fresh per request (and per live event), so nothing leaks between viewers. */
export function createLoaders(deps: Deps) {
  const db = deps.db;
  return {
    chat: new DataLoader<string, ChatView | null>(async (ids) => {
      const map = byKey(await loadChatViews(db, ids), (v) => v.chat.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    employee: new DataLoader<string, EmployeeRow | null>(async (ids) => {
      const map = byKey(await loadEmployees(db, ids), (e) => e.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    role: new DataLoader<string, RoleRow | null>(async (ids) => {
      const map = byKey(await loadRoles(db, ids), (r) => r.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    attachmentsOfMessage: new DataLoader<string, AttachmentRow[]>(async (ids) => {
      const map = await attachmentsOfMessages(db, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    client: new DataLoader<string, ClientRow | null>(async (ids) => {
      const map = byKey(await loadClients(db, ids), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    comment: new DataLoader<string, CommentRow | null>(async (ids) => {
      const map = byKey(await loadComments(db, ids), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
    chatItemKinds: new DataLoader<string, ChatItemKinds>(async (ids) => {
      const map = await chatItemKinds(db, ids);
      return ids.map((id) => map.get(id) ?? { comments: false, directMessages: false });
    }),
  };
}

export function createContext(deps: Deps, viewer: Viewer | null, locale: Locale = 'en', credentials?: Credentials): Context {
  return { deps, viewer, locale, loaders: createLoaders(deps), credentials };
}
