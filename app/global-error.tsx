'use client';

import '@fontsource-variable/inter';
import './globals.css';
import { Suspense } from 'react';
import { lazyErrorScreen } from '../components/shell/error-fallback';

const GlobalErrorScreen = lazyErrorScreen(() => import('../components/shell/global-error-screen').then((m) => m.GlobalErrorScreen));

/** The root layout failed: the app's error page in the browser's language (its code loads when needed). */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <Suspense>
          <GlobalErrorScreen error={error} retry={retry} />
        </Suspense>
      </body>
    </html>
  );
}
