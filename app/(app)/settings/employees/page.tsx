import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmployeesQuery } from '../../../../components/settings/admin-queries';
import { EmployeesSettings } from '../../../../components/settings/employees-settings';
import { NoAccess } from '../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('employees') };
}

export default async function EmployeesPage() {
  const viewer = await requireViewer('/settings/employees');
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const { data, code } = await serverQuery(EmployeesQuery, {});
  if (code === 'FORBIDDEN') return <NoAccess area="settings" />;
  return <EmployeesSettings employees={data?.employees ?? null} roles={data?.roles ?? []} viewerId={data?.viewer?.id ?? null} />;
}
