import { desc, eq } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { documents } from '../../db/schema';
import { canSeeDocuments } from '../access';
import { isUuid } from '../chats/get-chat';

export type DocumentRow = typeof documents.$inferSelect;

/** A client's documents, newest first; none without the Documents permission. */
export async function documentsOfClient(db: Executor, viewer: Viewer | null, clientId: string): Promise<DocumentRow[]> {
  if (!canSeeDocuments(viewer)) return [];
  return db.select().from(documents).where(eq(documents.clientId, clientId)).orderBy(desc(documents.createdAt));
}

/** The document if the viewer has the Documents permission, else null. */
export async function findDocument(db: Executor, viewer: Viewer | null, id: string): Promise<DocumentRow | null> {
  if (!isUuid(id) || !canSeeDocuments(viewer)) return null;
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row ?? null;
}
