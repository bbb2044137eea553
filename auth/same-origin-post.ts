import { isAllowedOrigin } from './origin';

/**
 * A form post a browser made from one of our own pages. Browsers send Origin with every POST and
 * Sec-Fetch-Site with every request, so another site's page (even another port of this host) is
 * recognised and refused; a client that sends neither is no browser, and has no victim's cookie.
 */
export function isSameOriginPost(headers: Headers, publicUrl: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (origin === null) return true;
  return isAllowedOrigin(origin, headers.get('host') ?? undefined, publicUrl);
}
