import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { FacebookLoginPicker } from '../../../../../../components/settings/facebook-login';
import { FacebookLoginQuery } from '../../../../../../components/settings/facebook-queries';
import { NoAccess } from '../../../../../../components/ui/states';
import { hasPermission, requireViewer, serverQuery } from '../../../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.chats.facebook'))('pickTitle') };
}

export default async function FacebookLoginPage({ params }: { params: Promise<{ loginId: string }> }) {
  const { loginId } = await params;
  const viewer = await requireViewer(`/settings/chats/facebook/${loginId}`);
  if (!hasPermission(viewer, 'SETTINGS')) return <NoAccess area="settings" />;
  const result = await serverQuery(FacebookLoginQuery, { id: loginId });
  if (result.code === 'FORBIDDEN') return <NoAccess area="settings" />;
  if (!result.data?.facebookLogin) {
    const t = await getTranslations('settings.chats.facebook');
    return (
      <main className="max-w-3xl px-8 py-6" data-testid="facebook-login-gone">
        <h1 className="text-[17px] font-semibold text-slate-900">{t('pickTitle')}</h1>
        <p role="alert" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          {result.code === 'BAD_USER_INPUT' || result.code === 'NOT_FOUND' ? result.errors[0].message : t('gone')}
        </p>
        <a href="/settings/chats" className="mt-3 inline-block text-brand-700 hover:underline">
          {t('back')}
        </a>
      </main>
    );
  }
  return <FacebookLoginPicker login={result.data.facebookLogin} roles={result.data.roles} />;
}
