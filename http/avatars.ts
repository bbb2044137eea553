import { buildViewer, type Viewer } from '../auth/viewer';
import { findPostPictureKey } from '../domain/comments/post-preview';
import { findContactAvatarKey } from '../domain/contacts/avatar';
import type { Deps } from '../domain/deps';
import { sniffPictureType } from '../media/image-type';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `GET /api/avatars/<contact id>?v=…`: our copy of a customer's picture, only for viewers who may
 * see that contact's channel (`v` only busts caches, see contactAvatarPath). A contact the viewer
 * can't see reads the same as one that doesn't exist, or one without a picture.
 */
export function serveAvatar(request: Request, deps: Deps, id: string): Promise<Response> {
  return serveStoredPicture(request, deps, (viewer) => findContactAvatarKey(deps.db, viewer, id), { contactId: id });
}

/**
 * `GET /api/post-pictures/<comment id>?v=…`: our copy of the picture of the post a comment is
 * under (see postPicturePath), on the same terms as a customer's picture.
 */
export function servePostPicture(request: Request, deps: Deps, id: string): Promise<Response> {
  return serveStoredPicture(request, deps, (viewer) => findPostPictureKey(deps.db, viewer, id), { commentId: id });
}

async function serveStoredPicture(request: Request, deps: Deps, keyFor: (viewer: Viewer) => Promise<string | null>, logContext: Record<string, string>): Promise<Response> {
  const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
  if (!viewer) return text(401, 'Sign in, or send an API key as "Authorization: Bearer <key>".');
  const key = await keyFor(viewer);
  if (!key) return text(404, 'No such picture.');
  let bytes: Uint8Array | null;
  try {
    bytes = await deps.media.get(key);
  } catch (error) {
    deps.log.error({ err: error, ...logContext }, 'media store read failed');
    return text(503, 'The file store could not be reached; try again in a moment.');
  }
  // only what was checked to be a picture when it was stored is served, and labelled by its bytes
  const type = bytes && sniffPictureType(bytes);
  if (!bytes || !type) return text(404, 'No such picture.');
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': type,
      'content-length': String(bytes.byteLength),
      'content-disposition': 'inline',
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      // opened on its own, a picture must not run script on our origin
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
