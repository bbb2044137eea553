import { describe, expect, it } from 'vitest';
import { signedMediaPath, verifyMediaLink } from './signed-link';

const ID = '3f0c8a3e-1d2b-4c5d-9e6f-7a8b9c0d1e2f';
const OTHER = '00000000-0000-4000-8000-000000000000';

function parts(path: string) {
  const url = new URL(path, 'http://x');
  return { id: url.pathname.split('/').pop()!, exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') };
}

describe('signed media links', () => {
  it('a link verifies for its attachment until it expires', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const { id, exp, sig } = parts(signedMediaPath('secret', ID, now, 600));
    expect(id).toBe(ID);
    expect(verifyMediaLink('secret', ID, exp, sig, now + 599_000)).toBe(true);
    expect(verifyMediaLink('secret', ID, exp, sig, now + 601_000)).toBe(false);
  });

  it('another attachment, another secret, a moved expiry or a missing part do not verify', () => {
    const now = Date.now();
    const { exp, sig } = parts(signedMediaPath('secret', ID, now));
    expect(verifyMediaLink('secret', OTHER, exp, sig, now)).toBe(false);
    expect(verifyMediaLink('other-secret', ID, exp, sig, now)).toBe(false);
    expect(verifyMediaLink('secret', ID, String(Number(exp) + 3600), sig, now)).toBe(false);
    expect(verifyMediaLink('secret', ID, null, sig, now)).toBe(false);
    expect(verifyMediaLink('secret', ID, exp, null, now)).toBe(false);
    expect(verifyMediaLink('secret', ID, '1e12', sig, now)).toBe(false);
  });
});
