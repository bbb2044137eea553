import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientsList } from '../../../components/clients/clients-list';
import { CLIENTS_PAGE, toClientsPage } from '../../../components/clients/paging';
import { ClientsQuery } from '../../../components/clients/queries';
import { NoAccess } from '../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('clients') };
}

export default async function ClientsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q } = await searchParams;
  const search = typeof q === 'string' ? q : '';
  const viewer = await requireViewer(`/clients${search ? `?q=${encodeURIComponent(search)}` : ''}`);
  if (!hasPermission(viewer, 'CLIENTS')) return <NoAccess area="clients" />;
  const { data } = await serverQuery(ClientsQuery, { search: search.trim() || null, first: CLIENTS_PAGE, after: null });
  return <ClientsList initialSearch={search} initialPage={toClientsPage(data)} />;
}
