import { describe, expect, it } from 'vitest';
import { BoundedDocumentCache } from './limits';

/** A query text of exactly `length` characters, told apart by `name`. */
const text = (name: string, length: number) => `${name} ${'x'.repeat(length - name.length - 1)}`;

/** What the cache still answers for, and the characters of those keys. */
function kept(cache: BoundedDocumentCache<string>, keys: string[]) {
  const hits = keys.filter((key) => cache.get(key) !== undefined);
  return { hits, chars: hits.reduce((sum, key) => sum + key.length, 0) };
}

describe('the parse cache bounded by characters', () => {
  it('a cached query is answered with what was stored for it', () => {
    const cache = new BoundedDocumentCache<string>(16_000);
    cache.set('{ inboxBadge }', 'parsed badge');
    expect(cache.get('{ inboxBadge }')).toBe('parsed badge');
    expect(cache.get('{ unreadChats }')).toBeUndefined();
  });

  it('however many queries come, the ones kept add up to at most the bound, and the newest are kept', () => {
    const cache = new BoundedDocumentCache<string>(16_000);
    const keys = Array.from({ length: 200 }, (_, i) => text(`q${i}`, 900));
    for (const key of keys) cache.set(key, key.slice(0, 4));
    const { hits, chars } = kept(cache, keys);
    expect(chars).toBeLessThanOrEqual(16_000);
    // 17 × 900 = 15,300 characters: exactly the 17 newest fit
    expect(hits).toEqual(keys.slice(-17));
    expect(cache.get(keys[199])).toBe('q199');
  });

  it('the query used least recently goes first', () => {
    const cache = new BoundedDocumentCache<string>(16_000);
    // sixteen of 1,000 characters fill it exactly
    const keys = Array.from({ length: 16 }, (_, i) => text(`q${i}`, 1000));
    for (const key of keys) cache.set(key, key.slice(0, 3));
    // the first is asked for again: the second is now the one used least recently
    expect(cache.get(keys[0])).toBe('q0 ');
    const next = text('next', 1000);
    cache.set(next, 'N');
    expect(kept(cache, [...keys, next]).hits).toEqual([keys[0], ...keys.slice(2), next]);
  });

  it('storing a query again does not count it twice', () => {
    const cache = new BoundedDocumentCache<string>(16_000);
    const keys = Array.from({ length: 16 }, (_, i) => text(`q${i}`, 1000));
    for (let i = 0; i < 10; i++) cache.set(keys[0], `again ${i}`);
    for (const key of keys.slice(1)) cache.set(key, key.slice(0, 3));
    expect(cache.get(keys[0])).toBe('again 9');
    expect(kept(cache, keys).hits).toEqual(keys);
  });

  it('a query longer than a sixteenth of the bound is not kept, and pushes nothing out', () => {
    const cache = new BoundedDocumentCache<string>(16_000);
    const small = text('small', 500);
    cache.set(small, 'S');
    const large = text('large', 1001);
    cache.set(large, 'L');
    expect(cache.get(large)).toBeUndefined();
    expect(cache.get(small)).toBe('S');
    const fits = text('fits', 1000);
    cache.set(fits, 'F');
    expect(cache.get(fits)).toBe('F');
  });
});
