import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { ChannelsSettings } from '../../../../components/settings/channels-settings';
import { ChannelSettingsQuery } from '../../../../components/settings/queries';
import { facebookLoginRedirectUri, isFacebookLoginConfigured } from '../../../../domain/channels/facebook-login';
import { getDeps } from '../../../../runtime/registry';
import { NoAccess } from '../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('chats') };
}

export default async function ChatsSettingsPage() {
  const viewer = await requireViewer('/settings/chats');
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const result = await serverQuery(ChannelSettingsQuery, {});
  if (result.code === 'FORBIDDEN') return <NoAccess area="settings" />;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return (
    <ChannelsSettings
      channels={result.data?.channels ?? null}
      roles={result.data?.roles ?? []}
      webhookUrl={`${proto}://${host}/api/webhooks/meta`}
      facebookLogin={isFacebookLoginConfigured(getDeps())}
      facebookCallback={facebookLoginRedirectUri(getDeps())}
    />
  );
}
