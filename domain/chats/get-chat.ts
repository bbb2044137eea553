import { eq, inArray } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { chats } from '../../db/schema';
import { canSeeChannel, requirePermission } from '../access';
import { notFound } from '../errors';
import { selectChatViews, type ChatView } from './chat-view';

export async function loadChatViews(db: Executor, ids: readonly string[]): Promise<ChatView[]> {
  if (ids.length === 0) return [];
  return selectChatViews(db).where(inArray(chats.id, [...ids]));
}

/** The chat if the viewer may see it, else null: no difference between missing and hidden. */
export async function getChat(db: Executor, viewer: Viewer | null, chatId: string): Promise<ChatView | null> {
  const v = requirePermission(viewer, 'CHATS');
  if (!isUuid(chatId)) return null;
  const [view] = await selectChatViews(db).where(eq(chats.id, chatId));
  return view && canSeeChannel(v, view.chat.channelId) ? view : null;
}

export async function getChatOrThrow(db: Executor, viewer: Viewer | null, chatId: string): Promise<ChatView> {
  const v = requirePermission(viewer, 'CHATS');
  if (!isUuid(chatId)) throw notFound('The chat');
  const [view] = await selectChatViews(db).where(eq(chats.id, chatId));
  // a chat in a channel the viewer may not use answers like one that does not exist
  if (!view || !canSeeChannel(v, view.chat.channelId)) throw notFound('The chat');
  return view;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A chat looked up by id (a node): null without the Chats permission, as for a hidden or missing chat. */
export async function findChat(db: Executor, viewer: Viewer | null, chatId: string): Promise<ChatView | null> {
  if (!viewer?.permissions.has('CHATS')) return null;
  return getChat(db, viewer, chatId);
}
