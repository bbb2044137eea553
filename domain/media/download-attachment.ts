import { eq } from 'drizzle-orm';
import { attachments, channels, messages } from '../../db/schema';
import { recordEvent } from '../../events/record';
import type { JobContext } from '../../jobs/queue';
import { isAcceptedMediaType, MEDIA_MAX_BYTES } from '../../lib/media-limits';
import { inTransaction, type Deps } from '../deps';

// one rule set for what customers send us and what operators send (lib/media-limits.ts)
export { isAcceptedMediaType, MEDIA_MAX_BYTES };
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

class MediaRefused extends Error {
  readonly retryable = false;
}

/**
 * The media job: fetches an inbound attachment from the platform (CDN URLs expire, so soon after
 * it arrives) and keeps it under DATA_DIR. A refused download leaves the reason on the attachment.
 */
export async function downloadAttachment(deps: Deps, payload: { attachmentId: string }, job: JobContext): Promise<void> {
  const [row] = await deps.db
    .select({ attachment: attachments, message: messages, channel: channels })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(attachments.id, payload.attachmentId));
  if (!row || row.attachment.storageKey) return;
  const { attachment, message, channel } = row;

  try {
    const mediaId = attachment.sourceUrl?.startsWith('media:') ? attachment.sourceUrl.slice(6) : null;
    const source = await deps.channels.mediaSource(channel, { url: mediaId ? null : attachment.sourceUrl, mediaId });
    const { bytes, mimeType } = await fetchLimited(source.url, source.headers ?? {}, allowedHosts(deps, channel));
    const storageKey = await deps.media.put(bytes);
    await inTransaction(deps, async (tx, events) => {
      await tx
        .update(attachments)
        .set({ storageKey, size: bytes.byteLength, mimeType: attachment.mimeType ?? mimeType, error: null })
        .where(eq(attachments.id, attachment.id));
      events.push(await recordEvent(tx, 'MessageUpdated', { channelId: message.channelId, chatId: message.chatId, messageId: message.id }));
    });
  } catch (error) {
    const refused = error instanceof MediaRefused || (error as { retryable?: boolean }).retryable === false;
    if (!refused && !job.finalAttempt) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    await inTransaction(deps, async (tx, events) => {
      await tx.update(attachments).set({ error: `Not downloaded: ${reason}` }).where(eq(attachments.id, attachment.id));
      events.push(await recordEvent(tx, 'MessageUpdated', { channelId: message.channelId, chatId: message.chatId, messageId: message.id }));
    });
  }
}

function allowedHosts(deps: Deps, channel: { kind: Parameters<Deps['channels']['mediaHosts']>[0]; apiBaseUrl: string | null }) {
  const hostOf = (u: string) => new URL(u).host;
  return [
    ...deps.channels.mediaHosts(channel.kind),
    hostOf(deps.config.metaGraphUrl),
    hostOf(deps.config.telegramApiUrl),
    ...(channel.apiBaseUrl ? [hostOf(channel.apiBaseUrl)] : []),
    ...deps.config.mediaHosts,
  ];
}

async function fetchLimited(start: string, headers: Record<string, string>, allowed: string[]) {
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
    if (!isAcceptedMediaType(mimeType)) throw new MediaRefused(`files of type ${mimeType.split(';')[0]} are not accepted.`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MEDIA_MAX_BYTES) throw new MediaRefused(tooLarge(declared));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MEDIA_MAX_BYTES) throw new MediaRefused(tooLarge(size));
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks), mimeType: mimeType.split(';')[0].trim() };
  }
}

function tooLarge(bytes: number) {
  return `the file is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB (${Math.ceil(bytes / 1024 / 1024)} MB).`;
}
