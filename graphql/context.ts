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
import type { Executor } from '../db/client';

export interface Context {
  deps: Deps;
  viewer: Viewer | null;
  locale: Locale;
  loaders: Loaders;
  /** What the viewer signed in with: a live subscription re-checks them, so signing out ends it. */
  credentials?: Credentials;
}

function byKey<T, K>(rows: T[], key: (row: T) => K) {
  return new Map(rows.map((r) => [key(r), r]));
}

const LOADERS = {
  chat: (db: Executor) =>
    new DataLoader<string, ChatView | null>(async (ids) => {
      const map = byKey(await loadChatViews(db, ids), (v) => v.chat.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  employee: (db: Executor) =>
    new DataLoader<string, EmployeeRow | null>(async (ids) => {
      const map = byKey(await loadEmployees(db, ids), (e) => e.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  role: (db: Executor) =>
    new DataLoader<string, RoleRow | null>(async (ids) => {
      const map = byKey(await loadRoles(db, ids), (r) => r.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  attachmentsOfMessage: (db: Executor) =>
    new DataLoader<string, AttachmentRow[]>(async (ids) => {
      const map = await attachmentsOfMessages(db, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
  client: (db: Executor) =>
    new DataLoader<string, ClientRow | null>(async (ids) => {
      const map = byKey(await loadClients(db, ids), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  comment: (db: Executor) =>
    new DataLoader<string, CommentRow | null>(async (ids) => {
      const map = byKey(await loadComments(db, ids), (c) => c.id);
      return ids.map((id) => map.get(id) ?? null);
    }),
  chatItemKinds: (db: Executor) =>
    new DataLoader<string, ChatItemKinds>(async (ids) => {
      const map = await chatItemKinds(db, ids);
      return ids.map((id) => map.get(id) ?? { comments: false, directMessages: false });
    }),
};
type LoaderName = keyof typeof LOADERS;

type LoaderSet = { readonly [K in LoaderName]: ReturnType<(typeof LOADERS)[K]> };

/**
 * Batch loaders, fresh per request (and per live event), so nothing leaks between viewers. Each is
 * made when first used (a getter per loader, defined below): most operations need one or two of
 * them, and making all seven for every request showed in the inbox page's profile.
 */
export interface Loaders extends LoaderSet {}
export class Loaders {
  private made: Partial<Record<LoaderName, LoaderSet[LoaderName]>> = {};
  /** Chats primed before the chat loader was made. */
  private primed: Map<string, ChatView> | null = null;
  constructor(private readonly db: Executor) {}

  /** Chats read already (a page of the list): `chat` answers them without a query, like DataLoader's prime. */
  primeChats(views: ChatView[]) {
    const loader = this.made.chat as LoaderSet['chat'] | undefined;
    for (const view of views) {
      if (loader) loader.prime(view.chat.id, view);
      else if (!(this.primed ??= new Map()).has(view.chat.id)) this.primed.set(view.chat.id, view);
    }
  }

  static {
    for (const name of Object.keys(LOADERS) as LoaderName[]) {
      Object.defineProperty(Loaders.prototype, name, {
        get(this: Loaders) {
          let loader = this.made[name];
          if (!loader) {
            loader = this.made[name] = LOADERS[name](this.db);
            if (name === 'chat') {
              for (const [id, view] of this.primed ?? []) (loader as LoaderSet['chat']).prime(id, view);
              this.primed = null;
            }
          }
          return loader;
        },
      });
    }
  }
}

export function createLoaders(deps: Deps): Loaders {
  return new Loaders(deps.db);
}

export function createContext(deps: Deps, viewer: Viewer | null, locale: Locale = 'en', credentials?: Credentials): Context {
  return { deps, viewer, locale, loaders: createLoaders(deps), credentials };
}
