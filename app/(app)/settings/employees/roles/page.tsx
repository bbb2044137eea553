import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { RolesQuery } from '../../../../../components/settings/queries';
import { RolesSettings } from '../../../../../components/settings/roles-settings';
import { NoAccess } from '../../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('roles') };
}

export default async function RolesPage() {
  const viewer = await requireViewer('/settings/employees/roles');
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const { data, code } = await serverQuery(RolesQuery, {});
  if (code === 'FORBIDDEN') return <NoAccess area="settings" />;
  return <RolesSettings roles={data?.roles ?? null} />;
}
