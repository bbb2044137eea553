import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The client's address as the server saw it, set on every request and upgrade by server.ts (any
 * value a client sends under this name is overwritten), so route handlers and Yoga can read it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-chats-client-address';

/**
 * The socket's address, or with `trustProxy` proxies in front, the address the outermost of them
 * appended to X-Forwarded-For (anything left of it is whatever the client claimed).
 */
export function markClientAddress(req: IncomingMessage, trustProxy: number) {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    address = forwarded[Math.max(0, forwarded.length - trustProxy)] ?? address;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}

/**
 * The bucket signed-out traffic is counted in: the IPv4 address, or the /64 network of an IPv6
 * one (one subscriber gets a whole /64 and could rotate through it).
 */
export function addressBucket(address: string | null | undefined): string {
  if (!address) return 'unknown';
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
