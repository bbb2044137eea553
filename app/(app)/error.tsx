'use client';

import { Suspense } from 'react';
import { lazyErrorScreen } from '../../components/shell/error-fallback';

const RouteError = lazyErrorScreen(() => import('../../components/shell/route-error').then((m) => m.RouteError));

/** Errors inside a CRM page: the menu and top bar stay, the page shows what happened. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Suspense>
      <RouteError error={error} retry={retry} />
    </Suspense>
  );
}
