import { buildViewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';
import { findAttachmentFor, findOutboundAttachment } from '../domain/media/served-file';
import type { AttachmentRow } from '../domain/messages/find-message';
import { verifyMediaLink } from '../media/signed-link';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `GET /api/media/<attachment id>`: the stored file, only for viewers who may see its chat.
 * `?exp=…&sig=…` (a signed, expiring link, see media/signed-link.ts) serves one of our own outbound
 * files without a session, so a platform that fetches files by URL (Instagram) can download it.
 */
export async function serveMedia(request: Request, deps: Deps, id: string): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const signed = query.has('sig');
  let attachment: AttachmentRow | null;
  if (signed) {
    const valid = !!deps.config.metaAppSecret && verifyMediaLink(deps.config.metaAppSecret, id, query.get('exp'), query.get('sig'));
    // a customer's file is never handed out by link, only files we send
    attachment = valid ? await findOutboundAttachment(deps.db, id) : null;
    if (!attachment) return text(403, 'This link is not valid or has expired.');
  } else {
    const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
    if (!viewer) return text(401, 'Sign in, or send an API key as "Authorization: Bearer <key>".');
    // a file in a chat the viewer can't see reads the same as one that doesn't exist
    attachment = await findAttachmentFor(deps.db, viewer, id);
    if (!attachment) return text(404, 'No such file.');
  }
  if (!attachment.storageKey) {
    if (attachment.error || !attachment.sourceUrl?.match(/^(https?:|media:)/)) return text(404, attachment.error ?? 'No such file.');
    // still being fetched from the platform (the media job): come back shortly
    return new Response('The file is still being fetched from the platform; try again in a few seconds.', {
      status: 202,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '3', 'cache-control': 'no-store' },
    });
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await deps.media.get(attachment.storageKey);
  } catch (error) {
    deps.log.error({ err: error, attachmentId: id }, 'media store read failed');
    return text(503, 'The file store could not be reached; try again in a moment.');
  }
  if (!bytes) return text(404, 'The file is gone; it may have been pruned with old history.');
  const name = (attachment.fileName ?? `${attachment.kind}-${id.slice(0, 8)}`).replace(/["\r\n]/g, '');
  const inline = /^(image|audio|video)\//.test(attachment.mimeType ?? '');
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': attachment.mimeType ?? 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(name)}"`,
      'cache-control': signed ? 'private, no-store' : 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      // opened on its own (a new tab), a file from a customer or an operator must not run script
      // on our origin: an SVG image or an HTML file labelled as something else stays inert
      'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
