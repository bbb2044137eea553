import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CallsList } from '../../../components/crm/calls-list';
import { CALLS_PAGE } from '../../../components/crm/paging';
import { CallsQuery } from '../../../components/crm/queries';
import { toListPage } from '../../../components/ui/list-page';
import { NoAccess } from '../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('calls') };
}

export default async function Page() {
  const viewer = await requireViewer('/calls');
  if (!hasPermission(viewer, 'CLIENTS')) return <NoAccess area="calls" />;
  const { data } = await serverQuery(CallsQuery, { first: CALLS_PAGE, after: null });
  return <CallsList initialPage={toListPage(data?.calls)} />;
}
