import { describe, expect, it } from 'vitest';
import { API_CSP, baseSecurityHeaders, pageCsp } from '../../lib/security/headers';

describe('security headers', () => {
  it('every answer is nosniff, keeps its referrer to our origin and cannot be framed', () => {
    expect(baseSecurityHeaders('http://localhost:3000')).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('HSTS is sent only when the public URL is https', () => {
    expect(baseSecurityHeaders('https://chats.example.com')['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
    expect(baseSecurityHeaders('http://chats.example.com')['Strict-Transport-Security']).toBeUndefined();
  });

  it('a page runs only scripts with its nonce; eval only in development', () => {
    const production = pageCsp('abc123', false);
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(production).not.toContain('unsafe-eval');
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
    expect(pageCsp('abc123', true)).toContain("'unsafe-eval'");
  });
});
