import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PhoneNumber } from '../components/ui/phone-number';
import { displayPhone, formatPhone } from './phone';

describe('phone numbers for people', () => {
  it('a stored E.164 number and a WhatsApp id read the same, grouped as people write them', () => {
    expect(formatPhone('+4917699988877')).toBe('+49 176 99988877');
    expect(formatPhone('4917699988877')).toBe('+49 176 99988877');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
    expect(displayPhone('4917699988877')).toEqual({ text: '+49 176 99988877', e164: '+4917699988877' });
  });

  it('a number typed with spaces is regrouped, not doubled', () => {
    expect(displayPhone('+49 30 1234567')).toEqual({ text: '+49 30 1234567', e164: '+49301234567' });
  });

  it('a number without its country or a malformed one is shown as stored and is no link', () => {
    expect(displayPhone('030 1234567')).toEqual({ text: '030 1234567', e164: null });
    expect(displayPhone('ask at the desk')).toEqual({ text: 'ask at the desk', e164: null });
    expect(displayPhone('+12')).toEqual({ text: '+12', e164: null });
    expect(displayPhone('  ')).toBeNull();
    expect(formatPhone(null)).toBe('');
  });

  it('<PhoneNumber> links a real number with tel: and renders anything else as plain text', () => {
    const html = (value: string | null) => renderToStaticMarkup(createElement(PhoneNumber, { value }));
    expect(html('4917699988877')).toMatch(/^<a href="tel:\+4917699988877"[^>]*>\+49 176 99988877<\/a>$/);
    expect(html('030 1234567')).toMatch(/^<span[^>]*>030 1234567<\/span>$/);
    expect(html(null)).toBe('');
  });
});
