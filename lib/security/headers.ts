/**
 * The browser-facing security headers, one place for both module graphs: server.ts puts the
 * static ones on every answer (pages, /api/*, webhooks), proxy.ts the per-request page policy.
 */

/** Headers every answer carries; HSTS only when the public URL is https (a browser ignores it on http anyway). */
export function baseSecurityHeaders(publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
  };
  if (publicUrl.startsWith('https:')) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

/** For answers that are data, not pages (GraphQL, route handlers): nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * A page's policy: only scripts carrying this request's nonce (Next puts it on its own scripts) and
 * what they load; styles and images from us; no framing. Development needs eval for React's
 * debugging and Fast Refresh.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React's style attributes can't carry a nonce
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers a configured CORS origin may read (Yoga's answers and the rate-limit gate's alike). */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after'];
