'use client';

import { Suspense } from 'react';
import { lazyErrorScreen } from '../components/shell/error-fallback';

const RouteError = lazyErrorScreen(() => import('../components/shell/route-error').then((m) => m.RouteError));

/** Errors below the root layout: the app's own page, in the viewer's language, with a way back. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Suspense>
      <RouteError error={error} retry={retry} fullPage />
    </Suspense>
  );
}
