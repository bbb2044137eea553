import { isObject } from '../http';
import { MalformedWebhookError, type CommentEvent, type UnreadableEvent } from '../types';
import { epochDate, idOf, stringOf } from './json-values';

type JsonObject = Record<string, unknown>;

const FEED_VERBS = new Set(['add', 'edited', 'remove']);
const INSTAGRAM_COMMENT_FIELDS = new Set(['comments', 'live_comments']);

/**
 * The comments in a Meta webhook body (PLATFORMS.md C.1, C.2): a Facebook Page's `feed` changes
 * with `item: "comment"` (add, edited, remove; `created_time` in seconds), or an Instagram
 * account's `comments` changes, inside `entry[].changes[]` or (as Meta's own examples print them)
 * directly in `entry[]`. Other feed items (posts, reactions, shares) are skipped. A change that
 * cannot be read goes to `unreadable` and does not sink the batch. The envelope itself is checked
 * by the messaging parser, which reads the same body first.
 */
export function parseMetaComments(body: unknown, object: 'page' | 'instagram', unreadable: UnreadableEvent[]): CommentEvent[] {
  if (!isObject(body) || body.object !== object || !Array.isArray(body.entry)) return [];
  const comments: CommentEvent[] = [];
  body.entry.forEach((entry, index) => {
    if (!isObject(entry)) return;
    const changes = Array.isArray(entry.changes) ? entry.changes : entry.field !== undefined ? [entry] : [];
    changes.forEach((change, at) => {
      const where = `entry[${index}].changes[${at}]`;
      try {
        const parsed = isObject(change) ? (object === 'page' ? feedComment(change, entry, where) : instagramComment(change, entry, where)) : null;
        if (parsed) comments.push(parsed);
      } catch (error) {
        if (!(error instanceof MalformedWebhookError)) throw error;
        unreadable.push({ channelExternalId: idOf(entry.id), reason: error.message, raw: change });
      }
    });
  });
  return comments;
}

function feedComment(change: JsonObject, entry: JsonObject, where: string): CommentEvent | null {
  const value = change.value;
  if (change.field !== 'feed' || !isObject(value) || value.item !== 'comment') return null;
  const verb = stringOf(value.verb);
  if (!verb || !FEED_VERBS.has(verb)) return null;
  const pageId = requireId(entry.id, `${where} has no entry id`);
  const commentId = requireId(value.comment_id, `${where} is a comment without comment_id`);
  const postId = requireId(value.post_id, `${where} is a comment without post_id`);
  const from = isObject(value.from) ? value.from : {};
  const authorId = idOf(from.id);
  // a removal may come without its author; an addition never does
  if (!authorId && verb !== 'remove') throw new MalformedWebhookError(`${where} is a comment without from.id`);
  const parent = idOf(value.parent_id);
  const post = isObject(value.post) ? value.post : {};
  return {
    type: 'comment',
    verb: verb as CommentEvent['verb'],
    channelExternalId: pageId,
    commentId,
    postId,
    postUrl: stringOf(post.permalink_url),
    // parent_id is the post itself for a comment directly under it
    parentCommentId: parent && parent !== postId ? parent : undefined,
    author: { id: authorId ?? '', name: stringOf(from.name) },
    ownComment: authorId === pageId,
    text: stringOf(value.message),
    createdAt: epochDate(value.created_time, 's'),
    raw: change,
  };
}

function instagramComment(change: JsonObject, entry: JsonObject, where: string): CommentEvent | null {
  const value = change.value;
  if (typeof change.field !== 'string' || !INSTAGRAM_COMMENT_FIELDS.has(change.field) || !isObject(value)) return null;
  const accountId = requireId(entry.id, `${where} has no entry id`);
  const commentId = requireId(value.id, `${where} is a comment without id`);
  const media = isObject(value.media) ? value.media : {};
  const postId = requireId(media.id, `${where} is a comment without media.id`);
  const from = isObject(value.from) ? value.from : {};
  const authorId = requireId(from.id, `${where} is a comment without from.id`);
  return {
    type: 'comment',
    verb: 'add',
    channelExternalId: accountId,
    commentId,
    postId,
    parentCommentId: idOf(value.parent_id),
    author: { id: authorId, username: stringOf(from.username) },
    ownComment: authorId === accountId,
    text: stringOf(value.text),
    // an Instagram comment carries no time of its own (entry.time is the delivery's, in whole
    // seconds): the time we receive it keeps comments of one second in order
    createdAt: undefined,
    raw: change,
  };
}

function requireId(value: unknown, problem: string): string {
  const id = idOf(value);
  if (!id) throw new MalformedWebhookError(`${problem}.`);
  return id;
}
