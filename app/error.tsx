'use client';

import { RouteError } from '../components/shell/route-error';

/** Errors below the root layout: the app's own page, in the viewer's language, with a way back. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} fullPage />;
}
