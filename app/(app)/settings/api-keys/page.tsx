import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysQuery } from '../../../../components/settings/admin-queries';
import { ApiKeysSettings } from '../../../../components/settings/api-keys-settings';
import { NoAccess } from '../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('apiKeys') };
}

export default async function ApiKeysPage() {
  const viewer = await requireViewer('/settings/api-keys');
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const { data, code } = await serverQuery(ApiKeysQuery, {});
  if (code === 'FORBIDDEN') return <NoAccess area="settings" />;
  return <ApiKeysSettings apiKeys={data?.apiKeys ?? null} roles={data?.roles ?? []} />;
}
