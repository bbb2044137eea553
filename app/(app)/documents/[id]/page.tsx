import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { DocumentRowFragment } from '../../../../graphql-client/graphql';
import { DocumentView } from '../../../../components/crm/document-view';
import { DocumentPageQuery } from '../../../../components/crm/queries';
import { NoAccess } from '../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

async function load(id: string): Promise<DocumentRowFragment | null> {
  const { data } = await serverQuery(DocumentPageQuery, { id });
  const node = data?.node;
  return node && 'number' in node ? (node as DocumentRowFragment) : null;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const document = await load(decodeURIComponent(id)).catch(() => null);
  return { title: document ? `${document.number} · ${document.title}` : undefined };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/documents/${id}`);
  if (!hasPermission(viewer, 'DOCUMENTS')) return <NoAccess area="documents" />;
  const document = await load(decodeURIComponent(id));
  if (!document) notFound();
  return <DocumentView document={document} />;
}
