/**
 * A browser always sends Origin on a WebSocket upgrade; a cross-site page must not ride the
 * operator's cookie into our socket. Non-browser clients (integrators) send no Origin.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (!origin) return true;
  try {
    const o = new URL(origin);
    if (host && o.host === host) return true;
    return o.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}
