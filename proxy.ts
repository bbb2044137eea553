import { NextResponse, type NextRequest } from 'next/server';
import { pageCsp } from './lib/security/headers';

/**
 * Every page gets a fresh nonce: Next reads it from the request's Content-Security-Policy and puts
 * it on its own scripts, so an injected script without it never runs. The custom server (server.ts)
 * adds the headers that don't change per request.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // pages only: API routes, Next's static files and the icon have their own (server.ts)
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
