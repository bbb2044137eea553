'use client';

import format, { type CompiledMessage } from 'icu-minify/format';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

/**
 * Translations and dates in the browser (decision 033). The server hands over the messages as the
 * next-intl plugin precompiled them (`precompile: true`); formatting one is icu-minify's `format`,
 * which next-intl itself would call. What the client components use of next-intl — translations
 * by namespace, the locale, dates and relative times in a time zone — without its runtime in the
 * first load. Server components keep next-intl (`getTranslations`).
 */
export interface IntlConfig {
  locale: string;
  /** Precompiled messages (next-intl's `getMessages()` on the server). */
  messages: object;
  timeZone?: string;
}

type Values = Record<string, string | number | Date>;

const IntlContext = createContext<IntlConfig>({ locale: 'en', messages: {} });

/** The viewer's language, messages and time zone for the client components below. */
export function IntlProvider({ children, ...config }: IntlConfig & { children: ReactNode }) {
  const { locale, messages, timeZone } = config;
  const value = useMemo(() => ({ locale, messages, timeZone }), [locale, messages, timeZone]);
  return <IntlContext.Provider value={value}>{children}</IntlContext.Provider>;
}

export function useIntlConfig(): IntlConfig {
  return useContext(IntlContext);
}

export function useLocale(): string {
  return useContext(IntlContext).locale;
}

// Intl's formatters are costly to make and a list formats dozens of dates: one per locale and options.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat>(
  Ctor: new (locale: string, options?: object) => T,
  locale: string,
  options?: object,
): T {
  const key = `${Ctor.name} ${locale} ${JSON.stringify(options ?? {})}`;
  let made = cache.get(key) as T | undefined;
  if (!made) cache.set(key, (made = new Ctor(locale, options)));
  return made;
}

const formatters = {
  getDateTimeFormat: (locale?: string | string[], options?: Intl.DateTimeFormatOptions) => cached(Intl.DateTimeFormat, String(locale), options),
  getNumberFormat: (locale?: string | string[], options?: Intl.NumberFormatOptions) => cached(Intl.NumberFormat, String(locale), options),
  getPluralRules: (locale?: string | string[], options?: Intl.PluralRulesOptions) => cached(Intl.PluralRules, String(locale), options),
};

function lookup(messages: object, path: string): CompiledMessage | undefined {
  let node: unknown = messages;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' || Array.isArray(node) ? (node as CompiledMessage) : undefined;
}

/** `t(key, values)` for the messages under `namespace`; a missing message shows its path, as next-intl does. */
export function useTranslations(namespace?: string): (key: string, values?: Values) => string {
  const { locale, messages, timeZone } = useContext(IntlContext);
  return useMemo(
    () => (key: string, values?: Values) => {
      const path = namespace ? `${namespace}.${key}` : key;
      const message = lookup(messages, path);
      if (message === undefined) {
        console.error(`missing message: ${path} (${locale})`);
        return path;
      }
      try {
        return String(format(message, locale, values, { formatters, timeZone }));
      } catch (error) {
        console.error(`message ${path} (${locale}) could not be formatted`, error);
        return path;
      }
    },
    [locale, messages, timeZone, namespace],
  );
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 3600],
  ['hour', 86400],
  ['day', 604800],
  ['week', (86400 * 365) / 12],
  ['month', 86400 * 365],
  ['year', Infinity],
];
const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, month: (86400 * 365) / 12, year: 86400 * 365 };

export interface Formatter {
  /** A date in the viewer's language and time zone. */
  dateTime(value: Date | number, options?: Intl.DateTimeFormatOptions): string;
  /** "5 minutes ago", in the largest unit that fits, as next-intl's `relativeTime`. */
  relativeTime(date: Date | number, now: Date | number): string;
}

export function useFormatter(): Formatter {
  const { locale, timeZone } = useContext(IntlContext);
  return useMemo(
    () => ({
      dateTime: (value, options) => cached(Intl.DateTimeFormat, locale, { timeZone, ...options }).format(value),
      relativeTime: (date, now) => {
        const seconds = (new Date(date).getTime() - new Date(now).getTime()) / 1000;
        const unit = RELATIVE_UNITS.find(([, below]) => Math.abs(seconds) < below)![0];
        const options = { numeric: unit === 'second' ? 'auto' : 'always' };
        return cached(Intl.RelativeTimeFormat, locale, options).format(Math.round(seconds / UNIT_SECONDS[unit]), unit);
      },
    }),
    [locale, timeZone],
  );
}
