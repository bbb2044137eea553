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
