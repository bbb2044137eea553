import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { pickLocale } from '../domain/chats/title';

/** German for German browsers, English otherwise; a NEXT_LOCALE cookie overrides both. */
export default getRequestConfig(async () => {
  const locale = pickLocale((await headers()).get('accept-language'), (await cookies()).get('NEXT_LOCALE')?.value);
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone: 'Europe/Berlin',
  };
});
