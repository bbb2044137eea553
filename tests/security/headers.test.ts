import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_CSP, baseSecurityHeaders, pageCsp } from '../../lib/security/headers';
import { startServer } from '../../server';
import { testConfig } from '../helpers/runtime';

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

describe('HSTS on what the server answers', () => {
  /** The Strict-Transport-Security header of a page, the health check and GraphQL, from a server behind `publicUrl`. */
  async function hstsOf(publicUrl: string) {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    const app = await startServer({ config: testConfig({ PUBLIC_URL: publicUrl, LOG_LEVEL: 'warn' }), dev: false, seed: false });
    try {
      const answers: Record<string, string | null> = {};
      for (const path of ['/login', '/api/health', '/api/graphql?query=%7B__typename%7D']) {
        const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
        await res.arrayBuffer();
        expect(res.status, path).toBeLessThan(500);
        answers[path.split('?')[0]] = res.headers.get('strict-transport-security');
      }
      return answers;
    } finally {
      await app.stop();
    }
  }

  it('behind an https PUBLIC_URL, pages, the health check and GraphQL all tell browsers to use https only', async () => {
    const hsts = 'max-age=63072000; includeSubDomains';
    expect(await hstsOf('https://chats.example.test')).toEqual({ '/login': hsts, '/api/health': hsts, '/api/graphql': hsts });
  });

  it('behind a plain-http PUBLIC_URL no answer carries HSTS', async () => {
    expect(await hstsOf('http://localhost:3000')).toEqual({ '/login': null, '/api/health': null, '/api/graphql': null });
  });
});
