'use client';

import { useEffect, useState } from 'react';
import { ErrorScreen, type ErrorScreenText } from './error-screen';

// The root layout (and with it the translations) failed: this page carries its own two languages.
const TEXT: Record<'en' | 'de', ErrorScreenText & { retry: string }> = {
  en: {
    title: 'Something went wrong',
    body: 'The app could not be shown. Try again; if it keeps happening, tell your administrator.',
    back: 'Back to the chats',
    retry: 'Try again',
  },
  de: {
    title: 'Etwas ist schiefgelaufen',
    body: 'Die App konnte nicht angezeigt werden. Versuchen Sie es erneut; passiert es wieder, wenden Sie sich an Ihre Administration.',
    back: 'Zurück zu den Chats',
    retry: 'Erneut versuchen',
  },
};

function browserLocale(): 'en' | 'de' {
  const chosen = document.cookie.match(/(?:^|;\s*)NEXT_LOCALE=(\w+)/)?.[1];
  const lang = chosen ?? navigator.language;
  return lang.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** What app/global-error.tsx shows (loaded when it happens): the page in the browser's language. */
export function GlobalErrorScreen({ error, retry }: { error: unknown; retry: () => void }) {
  const [locale, setLocale] = useState<'en' | 'de'>('en');
  useEffect(() => {
    const chosen = browserLocale();
    setLocale(chosen);
    document.documentElement.lang = chosen;
    console.error(error);
  }, [error]);
  return (
    <>
      <title>{TEXT[locale].title}</title>
      <ErrorScreen kind="error" fullPage onRetry={retry} text={TEXT[locale]} />
    </>
  );
}
