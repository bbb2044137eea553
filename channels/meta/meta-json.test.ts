import { describe, expect, it } from 'vitest';
import { metaJsonStringify } from './meta-json';

describe('metaJsonStringify', () => {
  it('escapes "/" and every non-ASCII character the way Meta does', () => {
    const json = metaJsonStringify({ text: 'Café à 5€ — https://x.y/z', emoji: '😊' });
    expect(json).toBe('{"text":"Caf\\u00e9 \\u00e0 5\\u20ac \\u2014 https:\\/\\/x.y\\/z","emoji":"\\ud83d\\ude0a"}');
    expect(/^[\x20-\x7e]*$/.test(json)).toBe(true);
  });

  it('round-trips through JSON.parse', () => {
    const value = { a: ['é', '/', '\u2028', 'ok', 1, null, true], nested: { 'ключ': 'значение' } };
    expect(JSON.parse(metaJsonStringify(value))).toEqual(value);
  });

  it('differs from JSON.stringify whenever escaping applies, which is why re-serialising breaks signatures', () => {
    const value = { url: 'https://example.com/a' };
    expect(metaJsonStringify(value)).not.toBe(JSON.stringify(value));
  });

  it('refuses values without a JSON form', () => {
    expect(() => metaJsonStringify(undefined)).toThrow(TypeError);
  });
});
