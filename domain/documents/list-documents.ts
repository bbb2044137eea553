import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer';
import type { Executor } from '../../db/client';
import { clients, documents } from '../../db/schema';
import { canSeeClients, requirePermission } from '../access';
import { clampPageSize, decodeCursor, pageOfRows, type Page } from '../cursor';
import { badInput } from '../errors';
import { containsPattern, phoneNeedle, searchTerm } from '../search';
import type { DocumentKind } from './create-document';
import type { DocumentRow } from './documents';

/**
 * The Leads, Orders, Estimates and Invoices pages: newest first, keyset-paged, found by number,
 * title and (for those who may see clients) the client's name or phone.
 */
export async function listDocuments(
  db: Executor,
  viewer: Viewer | null,
  input: { kind?: DocumentKind | null; search?: string | null; first?: number | null; after?: string | null },
): Promise<Page<DocumentRow>> {
  const v = requirePermission(viewer, 'DOCUMENTS');
  const size = clampPageSize(input.first, 25, 100);
  const after = input.after ? decodeCursor(input.after) : null;
  if (input.after && !after) throw badInput('The "after" cursor is not one this API gave out.');
  const term = searchTerm(input.search);
  let matches;
  if (term) {
    const pattern = containsPattern(term);
    const phone = phoneNeedle(term);
    const byClient = canSeeClients(v)
      ? sql`${documents.clientId} in (select ${clients.id} from ${clients} where ${or(ilike(clients.name, pattern), phone ? ilike(clients.phone, containsPattern(phone)) : undefined)})`
      : undefined;
    matches = or(ilike(documents.number, pattern), ilike(documents.title, pattern), byClient);
  }
  if (size === 0) return { items: [], cursors: [], hasNextPage: false, hasPreviousPage: Boolean(after) };
  const rows = await db
    .select()
    .from(documents)
    .where(
      and(
        input.kind ? eq(documents.kind, input.kind) : undefined,
        matches,
        after ? sql`(${documents.createdAt}, ${documents.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(size + 1);
  return pageOfRows(rows, size, Boolean(after), (d) => ({ at: d.createdAt, id: d.id }));
}
