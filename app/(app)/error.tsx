'use client';

import { RouteError } from '../../components/shell/route-error';

/** Errors inside a CRM page: the menu and top bar stay, the page shows what happened. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} />;
}
