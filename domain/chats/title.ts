export type Locale = 'en' | 'de';

const UNKNOWN: Record<Locale, string> = { en: 'Unknown client', de: 'Unbekannter Kunde' };

/** What a chat is called when the platform withholds the customer's name (privacy). */
export function unknownClientTitle(locale: Locale): string {
  return UNKNOWN[locale] ?? UNKNOWN.en;
}

export function pickLocale(acceptLanguage: string | null | undefined, cookieLocale?: string | null): Locale {
  if (cookieLocale === 'de' || cookieLocale === 'en') return cookieLocale;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('de') ? 'de' : 'en';
}

/**
 * What a chat is called everywhere: the linked client's name once an operator linked one (the
 * CRM knows best), else the name the platform gave, else the Instagram @username, else the
 * localised "Unknown client".
 */
export function chatTitle(
  view: { clientName?: string | null; contact: { displayName: string | null; username: string | null } },
  locale: Locale,
): string {
  const client = view.clientName?.trim();
  if (client) return client;
  if (view.contact.displayName) return view.contact.displayName;
  return view.contact.username ? `@${view.contact.username}` : unknownClientTitle(locale);
}
