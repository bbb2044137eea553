import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientView } from '../../../../components/clients/client-view';
import { ClientQuery } from '../../../../components/clients/queries';
import { NoAccess } from '../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const { data } = await serverQuery(ClientQuery, { id: decodeSegment(id) });
  return { title: data?.client?.name ?? (await getTranslations('nav'))('clients') };
}

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: segment } = await params;
  const viewer = await requireViewer(`/clients/${segment}`);
  if (!hasPermission(viewer, 'CLIENTS')) return <NoAccess area="clients" />;
  const id = decodeSegment(segment);
  const { data, code } = await serverQuery(ClientQuery, { id });
  const missing = code === 'NOT_FOUND' || (data !== null && data.client === null);
  return <ClientView key={id} clientId={id} initial={data?.client ?? null} missing={missing} />;
}
