import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ErrorScreen } from '../components/shell/error-screen';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('errorPage'))('notFoundTitle') };
}

export default async function NotFound() {
  const t = await getTranslations('errorPage');
  return <ErrorScreen kind="not-found" fullPage text={{ title: t('notFoundTitle'), body: t('notFoundBody'), back: t('back') }} />;
}
