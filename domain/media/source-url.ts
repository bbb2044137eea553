import type { InboundAttachment } from '../../channels/types';

/**
 * Where a customer's file will be fetched from, as kept on the attachment: an http(s) link from the
 * platform, a WhatsApp media id (`media:<id>`), or a location's `geo:` URI that we built ourselves.
 * Any other scheme a webhook carries (javascript:, data:, file:...) is dropped, never stored or shown.
 */
export function keptSourceUrl(attachment: Pick<InboundAttachment, 'kind' | 'url' | 'mediaId'>): string | null {
  const url = attachment.url?.trim();
  if (url && /^https?:\/\//i.test(url)) {
    try {
      return new URL(url).href;
    } catch {
      return null;
    }
  }
  if (url && attachment.kind === 'location' && /^geo:-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(url)) return url;
  return attachment.mediaId ? `media:${attachment.mediaId}` : null;
}
