import { isAcceptedMediaType, MEDIA_MAX_BYTES } from '../../lib/media-limits';
import type { Deps } from '../deps';

// The one way we fetch a file from a platform (an attachment, a customer's picture): only from the
// platform's hosts, re-checking every redirect, within a size limit and an allow-list of types.

const MAX_REDIRECTS = 3;

/** Platform CDNs, our configured API bases and MEDIA_HOSTS: nothing else is ever fetched. */
export function isAllowedMediaHost(url: URL, allowed: string[]): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return allowed.some((entry) => {
    const [name, port] = entry.toLowerCase().split(':');
    if (port && url.port !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

/** A download we will not make or keep (wrong host, type or size): trying again does not help. */
export class MediaRefused extends Error {
  readonly retryable = false;
}

/** The hosts a channel's files may come from. */
export function allowedHosts(deps: Deps, channel: { kind: Parameters<Deps['channels']['mediaHosts']>[0]; apiBaseUrl: string | null }) {
  const hostOf = (u: string) => new URL(u).host;
  return [
    ...deps.channels.mediaHosts(channel.kind),
    hostOf(deps.config.metaGraphUrl),
    hostOf(deps.config.telegramApiUrl),
    ...(channel.apiBaseUrl ? [hostOf(channel.apiBaseUrl)] : []),
    ...deps.config.mediaHosts,
  ];
}

export interface FetchLimits {
  /** Default MEDIA_MAX_BYTES. */
  maxBytes?: number;
  /** Whether the declared Content-Type may be kept; default the attachment allow-list (lib/media-limits.ts). */
  accepts?: (mimeType: string) => boolean;
}

export async function fetchLimited(start: string, headers: Record<string, string>, allowed: string[], limits: FetchLimits = {}) {
  const maxBytes = limits.maxBytes ?? MEDIA_MAX_BYTES;
  const accepts = limits.accepts ?? isAcceptedMediaType;
  let url = new URL(start);
  for (let hop = 0; ; hop++) {
    if (!isAllowedMediaHost(url, allowed)) throw new MediaRefused(`${url.host} is not one of the platform's media hosts.`);
    const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      if (hop >= MAX_REDIRECTS) throw new MediaRefused('The platform redirected too many times.');
      // each hop is checked again: a redirect must not lead us off the platform's hosts
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    if (response.status === 404 || response.status === 410 || response.status === 403) {
      throw new MediaRefused(`the platform no longer serves it (HTTP ${response.status}); its link may have expired.`);
    }
    if (!response.ok) throw new Error(`the platform answered HTTP ${response.status}.`);
    const mimeType = response.headers.get('content-type') ?? 'application/octet-stream';
    if (!accepts(mimeType)) throw new MediaRefused(`files of type ${mimeType.split(';')[0]} are not accepted.`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw new MediaRefused(tooLarge(declared, maxBytes));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new MediaRefused(tooLarge(size, maxBytes));
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks), mimeType: mimeType.split(';')[0].trim() };
  }
}

function tooLarge(bytes: number, maxBytes: number) {
  return `the file is larger than ${maxBytes / 1024 / 1024} MB (${Math.ceil(bytes / 1024 / 1024)} MB).`;
}
