import { describe, expect, it } from 'vitest';
import { excerptOf, POST_EXCERPT_LENGTH } from './post-preview';

describe("a post's excerpt", () => {
  it('keeps a short text whole, on one line', () => {
    expect(excerptOf('  Closed on\n\nMonday.  ')).toBe('Closed on Monday.');
  });

  it('cuts a long text at a word, with an ellipsis, within the length', () => {
    const text = 'Our new screen repair service is here: bring your phone in the morning and pick it up by lunch, with a one-year warranty on every part we fit.';
    const excerpt = excerptOf(text)!;
    expect([...excerpt].length).toBeLessThanOrEqual(POST_EXCERPT_LENGTH);
    expect(excerpt.endsWith('…')).toBe(true);
    const kept = excerpt.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    // the next character of the text is a space: no word was cut in half
    expect(text[kept.length]).toBe(' ');
  });

  it('never splits an emoji, and a text without spaces is cut by characters', () => {
    const excerpt = excerptOf('🔧'.repeat(200))!;
    expect([...excerpt]).toHaveLength(POST_EXCERPT_LENGTH);
    expect(excerpt.endsWith('🔧…')).toBe(true);
  });

  it('is absent for a post without text', () => {
    expect(excerptOf(undefined)).toBeUndefined();
    expect(excerptOf('   ')).toBeUndefined();
  });
});
