import { eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { contacts } from '../../db/schema';
import { canSeeChannel } from '../access';
import { isUuid } from '../chats/get-chat';

/** Where our copy of a customer's picture is stored, for a viewer who may see their channel; else null. */
export async function findContactAvatarKey(db: Executor, viewer: Viewer, contactId: string): Promise<string | null> {
  if (!isUuid(contactId)) return null;
  const [contact] = await db.select({ channelId: contacts.channelId, avatarKey: contacts.avatarKey }).from(contacts).where(eq(contacts.id, contactId));
  if (!contact || !canSeeChannel(viewer, contact.channelId)) return null;
  return contact.avatarKey;
}
