import type { DocumentKind } from '../../graphql-client/graphql';
import { hasPermission, requireViewer, serverQuery } from '../../lib/ui/server-graphql';
import { NoAccess } from '../ui/states';
import { toListPage } from '../ui/list-page';
import { DocumentsList } from './documents-list';
import { DOCUMENTS_PAGE } from './paging';
import { DocumentsQuery } from './queries';

/** The server half of Leads, Orders, Estimates and Invoices: the first page, searched as the URL says. */
export async function DocumentsPage({ kind, section, searchParams }: { kind: DocumentKind; section: 'leads' | 'orders' | 'estimates' | 'invoices'; searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const search = typeof q === 'string' ? q.slice(0, 200) : '';
  const viewer = await requireViewer(`/${section}${search ? `?q=${encodeURIComponent(search)}` : ''}`);
  if (!hasPermission(viewer, 'DOCUMENTS')) return <NoAccess area="documents" />;
  const { data } = await serverQuery(DocumentsQuery, { kind, search: search.trim() || null, first: DOCUMENTS_PAGE, after: null });
  return <DocumentsList key={kind} kind={kind} section={section} initialSearch={search} initialPage={toListPage(data?.documents)} />;
}
