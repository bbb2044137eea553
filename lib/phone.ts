import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface DisplayPhone {
  /** For people: `+49 176 99988877`; the stored text itself when it cannot be read as a number. */
  text: string;
  /** E.164 for `tel:` links (`+4917699988877`); null for unknown or malformed numbers. */
  e164: string | null;
}

/**
 * How a stored phone number is shown. We store E.164 (`+4917699988877`); WhatsApp ids a customer
 * by the same digits without the `+`. Anything else (a national number without its country, a
 * typo) is shown exactly as stored, never guessed at.
 */
export function displayPhone(raw: string | null | undefined): DisplayPhone | null {
  const stored = raw?.trim();
  if (!stored) return null;
  const candidate = /^\d{8,15}$/.test(stored) ? `+${stored}` : stored;
  const parsed = candidate.startsWith('+') ? parsePhoneNumberFromString(candidate) : undefined;
  if (!parsed || !parsed.isPossible()) return { text: stored, e164: null };
  return { text: parsed.formatInternational(), e164: parsed.number };
}

/** `+49 176 99988877` for `+4917699988877` or `4917699988877`; the input itself when it is not a number. */
export function formatPhone(raw: string | null | undefined): string {
  return displayPhone(raw)?.text ?? '';
}
