'use client';

import { useTranslations } from '../../lib/ui/intl';
import { useEffect } from 'react';
import { ErrorScreen } from './error-screen';

/** What an `error.tsx` boundary shows: "something went wrong" in the viewer's language, a retry, and the reference to quote. */
export function RouteError({ error, retry, fullPage = false }: { error: unknown; retry: () => void; fullPage?: boolean }) {
  const t = useTranslations('errorPage');
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <ErrorScreen
      kind="error"
      fullPage={fullPage}
      onRetry={retry}
      text={{ title: t('errorTitle'), body: t('errorBody'), back: t('back'), retry: t('retry'), reference: digest ? t('reference', { digest }) : undefined }}
    />
  );
}
