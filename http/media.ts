import { eq } from 'drizzle-orm';
import { buildViewer } from '../auth/viewer';
import { attachments, messages } from '../db/schema';
import { canSeeChannel } from '../domain/access';
import { isUuid } from '../domain/chats/get-chat';
import type { Deps } from '../domain/deps';

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** `GET /api/media/<attachment id>`: the stored file, only for viewers who may see its chat. */
export async function serveMedia(request: Request, deps: Deps, id: string): Promise<Response> {
  const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
  if (!viewer) return text(401, 'Sign in, or send an API key as "Authorization: Bearer <key>".');
  const [row] = isUuid(id)
    ? await deps.db
        .select({ attachment: attachments, channelId: messages.channelId })
        .from(attachments)
        .innerJoin(messages, eq(messages.id, attachments.messageId))
        .where(eq(attachments.id, id))
    : [];
  // a file in a chat the viewer can't see reads the same as one that doesn't exist
  if (!row || !canSeeChannel(viewer, row.channelId) || !row.attachment.storageKey) return text(404, 'No such file.');
  const bytes = await deps.media.get(row.attachment.storageKey);
  if (!bytes) return text(404, 'The file is gone; it may have been pruned with old history.');
  const name = (row.attachment.fileName ?? `${row.attachment.kind}-${id.slice(0, 8)}`).replace(/["\r\n]/g, '');
  const inline = /^(image|audio|video)\//.test(row.attachment.mimeType ?? '');
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': row.attachment.mimeType ?? 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(name)}"`,
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
    },
  });
}
