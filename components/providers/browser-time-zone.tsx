'use client';

import { IntlProvider, useIntlConfig } from '../../lib/ui/intl';
import { useEffect, useState, type ReactNode } from 'react';

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Dates and times in the viewer's own time zone. The server renders with the app's zone (from
 * i18n/request.ts); after mount this switches every formatter below to the browser's zone, so
 * the first client render matches the server's HTML and nothing mismatches on hydration.
 */
export function BrowserTimeZone({ children }: { children: ReactNode }) {
  const intl = useIntlConfig();
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  useEffect(() => setTimeZone(browserTimeZone()), []);
  // language and messages are the root provider's
  return (
    <IntlProvider {...intl} timeZone={timeZone ?? intl.timeZone}>
      {children}
    </IntlProvider>
  );
}
