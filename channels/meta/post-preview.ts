import { isObject } from '../http';
import type { MessengerClientConfig } from '../messenger/client';
import type { PostPreview } from '../types';
import { graphCall } from './graph-call';
import { stringOf } from './json-values';

/** How much of a post's text is kept to show beside its comments. */
export const POST_EXCERPT_LENGTH = 140;

/**
 * A Facebook Page post as a comment shows it: `GET /{post-id}?fields=message,full_picture,permalink_url`
 * with the Page token. [UNCONFIRMED] in PLATFORMS.md: the field names follow Graph's Post node.
 */
export async function fetchFacebookPost(cfg: MessengerClientConfig, postId: string): Promise<PostPreview> {
  const body = await graphCall(cfg, 'GET', `/${encodeURIComponent(postId)}`, { fields: 'message,full_picture,permalink_url' });
  const post = isObject(body) ? body : {};
  return preview(stringOf(post.message), stringOf(post.full_picture), stringOf(post.permalink_url));
}

/**
 * An Instagram post (media) as a comment shows it: `GET /{media-id}?fields=caption,media_url,thumbnail_url,permalink,media_type`;
 * a video's picture is its thumbnail. [UNCONFIRMED] in PLATFORMS.md: the field names follow Graph's IG Media node.
 */
export async function fetchInstagramPost(cfg: MessengerClientConfig, mediaId: string): Promise<PostPreview> {
  const body = await graphCall(cfg, 'GET', `/${encodeURIComponent(mediaId)}`, { fields: 'caption,media_url,thumbnail_url,permalink,media_type' });
  const media = isObject(body) ? body : {};
  const picture = media.media_type === 'VIDEO' ? stringOf(media.thumbnail_url) : stringOf(media.media_url) ?? stringOf(media.thumbnail_url);
  return preview(stringOf(media.caption), picture, stringOf(media.permalink));
}

function preview(text: string | undefined, thumbnailUrl: string | undefined, url: string | undefined): PostPreview {
  const result: PostPreview = {};
  const excerpt = excerptOf(text);
  if (excerpt) result.excerpt = excerpt;
  if (thumbnailUrl && /^https?:\/\//.test(thumbnailUrl)) result.thumbnailUrl = thumbnailUrl;
  if (url && /^https?:\/\//.test(url)) result.url = url;
  return result;
}

/** The first characters of a post's text, on one line, cut at a word with "…" when longer. */
export function excerptOf(text: string | undefined): string | undefined {
  const flat = text?.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  const chars = [...flat];
  if (chars.length <= POST_EXCERPT_LENGTH) return flat;
  const cut = chars.slice(0, POST_EXCERPT_LENGTH - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > POST_EXCERPT_LENGTH / 2 ? atWord : cut}…`;
}
