import { badInput } from './errors';

/** Longer searches are refused: nobody types more, and each character costs trigram lookups. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * What the operator typed, ready to search with: trimmed, without the NUL that PostgreSQL refuses
 * in text, null when empty. Too long is an error the caller can show.
 */
export function searchTerm(input: string | null | undefined): string | null {
  const term = input?.replaceAll('\u0000', '').trim();
  if (!term) return null;
  if (term.length > MAX_SEARCH_LENGTH) throw badInput(`Search for at most ${MAX_SEARCH_LENGTH} characters.`, { field: 'search' });
  return term;
}

/** `%term%` for ILIKE with the term's own `%`, `_` and `\` taken literally; always a bound parameter. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The digits of a search that looks like a phone number ("+49 176 999", "(0176) 99-9"), kept with
 * a leading +; null for anything else. Phones are stored in E.164, without spaces.
 */
export function phoneNeedle(term: string): string | null {
  if (!/^\+?[\d\s\-()./]+$/.test(term)) return null;
  const digits = term.replace(/\D/g, '');
  if (digits.length < 3) return null;
  return term.trimStart().startsWith('+') ? `+${digits}` : digits;
}
