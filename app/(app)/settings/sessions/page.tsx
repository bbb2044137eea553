import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OwnSessionsQuery } from '../../../../components/settings/admin-queries';
import { SessionsList } from '../../../../components/settings/sessions-list';
import { requireViewer, serverQuery } from '../../../../lib/ui/server-graphql';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('sessions') };
}

/** Your sessions: every signed-in employee sees and signs out their own browsers. */
export default async function OwnSessionsPage() {
  await requireViewer('/settings/sessions');
  const t = await getTranslations('settings.sessions');
  const { data } = await serverQuery(OwnSessionsQuery, {});
  const sessions = data?.viewer?.sessions ?? null;
  return (
    <main className="max-w-3xl px-4 py-6 sm:px-8">
      <h1 className="text-[17px] font-semibold text-slate-900">{t('title')}</h1>
      <p className="mt-1 mb-4 text-slate-500">{t('intro')}</p>
      {sessions === null ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" data-testid="sessions-error">
          {t('error')}
        </p>
      ) : (
        <SessionsList sessions={sessions} testId="own-sessions" />
      )}
    </main>
  );
}
