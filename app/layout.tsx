import type { Metadata } from 'next';
import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import type { ReactNode } from 'react';
import '@fontsource-variable/inter';
import './globals.css';
import { IntlProvider } from '../lib/ui/intl';

export const metadata: Metadata = { title: { default: 'Chats', template: '%s · CRM' }, description: 'All customer conversations in one inbox' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* the messages as next-intl precompiled them; the browser formats them without next-intl's runtime */}
        <IntlProvider locale={locale} messages={await getMessages()} timeZone={await getTimeZone()}>
          {children}
        </IntlProvider>
      </body>
    </html>
  );
}
