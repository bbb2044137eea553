'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { ErrorScreen } from '../components/shell/error-screen';

/** Errors below the root layout: the app's own page, in the viewer's language, with a way back. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errorPage');
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <ErrorScreen
      kind="error"
      fullPage
      onRetry={retry}
      text={{ title: t('errorTitle'), body: t('errorBody'), back: t('back'), retry: t('retry'), reference: digest ? t('reference', { digest }) : undefined }}
    />
  );
}
