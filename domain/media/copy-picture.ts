import type { channels } from '../../db/schema';
import { isPictureContentType, sniffPictureType } from '../../media/image-type';
import type { Deps } from '../deps';
import { allowedHosts, fetchLimited, MediaRefused } from './safe-fetch';

/** The largest picture we keep (platforms serve a few hundred KB at most). */
export const PICTURE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Downloads a picture the platform serves (a profile picture, a post's picture) the way
 * attachments are downloaded (only from the platform's hosts, limited in size, checked to be a
 * JPEG, PNG, GIF or WebP by its bytes) and stores it in our media store; the new key.
 */
export async function copyPlatformPicture(deps: Deps, channel: typeof channels.$inferSelect, media: { url?: string; mediaId?: string }): Promise<string> {
  const source = await deps.channels.mediaSource(channel, media.url ? { url: media.url } : { mediaId: media.mediaId });
  const { bytes } = await fetchLimited(source.url, source.headers ?? {}, allowedHosts(deps, channel), {
    maxBytes: PICTURE_MAX_BYTES,
    accepts: isPictureContentType,
  });
  if (!sniffPictureType(bytes)) throw new MediaRefused('the picture is not a JPEG, PNG, GIF or WebP image.');
  return deps.media.put(bytes);
}

/** Why a picture could not be copied, for the log: a Telegram file URL holds the bot token, which must not reach it. */
export function pictureFailure(error: unknown, channel: { accessToken: string | null }): string {
  const message = error instanceof Error ? error.message : String(error);
  return channel.accessToken ? message.split(channel.accessToken).join('<token>') : message;
}
