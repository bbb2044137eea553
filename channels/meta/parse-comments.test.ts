import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UnreadableEvent } from '../types';
import { parseMessengerWebhook } from '../messenger/parse-webhook';
import { parseMetaComments } from './parse-comments';

const PAGE = '448242228374517';
const POST = `${PAGE}_122131676912594941`;
const IG = '17841405822304914';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/comments/${name}.json`, import.meta.url), 'utf8'));

function parse(name: string, object: 'page' | 'instagram' = 'page') {
  const unreadable: UnreadableEvent[] = [];
  return { comments: parseMetaComments(fixture(name), object, unreadable), unreadable };
}

describe('Facebook Page feed comments', () => {
  it('a new comment names its page, post, permalink, author and a created time given in seconds', () => {
    const { comments, unreadable } = parse('fb-comment-add');
    expect(unreadable).toEqual([]);
    expect(comments).toEqual([
      expect.objectContaining({
        type: 'comment',
        verb: 'add',
        channelExternalId: PAGE,
        commentId: '122131676912594941_1213590066982748',
        postId: POST,
        postUrl: 'https://www.facebook.com/448242228374517/posts/122131676912594941',
        parentCommentId: undefined,
        author: { id: '24032850746318190', name: 'Jane Doe' },
        ownComment: false,
        text: 'How much is it?',
        createdAt: new Date(1742667604 * 1000),
      }),
    ]);
  });

  it('an edit carries the new text and a removal carries none', () => {
    expect(parse('fb-comment-edited').comments[0]).toMatchObject({ verb: 'edited', text: 'How much is it with the case?' });
    expect(parse('fb-comment-remove').comments[0]).toMatchObject({ verb: 'remove', text: undefined, commentId: '122131676912594941_1213590066982748' });
  });

  it('a reply to a comment keeps its parent; a comment directly under the post has none', () => {
    expect(parse('fb-reply-to-reply').comments[0].parentCommentId).toBe('122131676912594941_1213590066982748');
    expect(parse('fb-comment-add').comments[0].parentCommentId).toBeUndefined();
  });

  it("the Page's own comment is marked as its own, and other feed items (reactions) are skipped", () => {
    const { comments } = parse('fb-own-comment');
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ ownComment: true, author: { id: PAGE } });
  });

  it('the messaging parser reads a feed body as no messages, so one body is read by both', () => {
    expect(parseMessengerWebhook(fixture('fb-comment-add'), 'page', [])).toEqual([]);
  });

  it('a comment without an id is set aside as unreadable, not the whole batch', () => {
    const body = fixture('fb-comment-add') as { entry: Array<{ changes: Array<{ value: Record<string, unknown> }> }> };
    const broken = structuredClone(body.entry[0].changes[0]);
    delete broken.value.comment_id;
    body.entry[0].changes.unshift(broken);
    const unreadable: UnreadableEvent[] = [];
    const comments = parseMetaComments(body, 'page', unreadable);
    expect(comments).toHaveLength(1);
    expect(unreadable).toEqual([expect.objectContaining({ channelExternalId: PAGE, reason: expect.stringContaining('comment_id') })]);
  });
});

describe('Instagram comments', () => {
  it('a comment inside entry[].changes[] names the account, the media and the username', () => {
    const { comments } = parse('ig-comment-changes', 'instagram');
    expect(comments).toEqual([
      expect.objectContaining({
        verb: 'add',
        channelExternalId: IG,
        commentId: '17865799348089039',
        postId: '18023345710501123',
        author: { id: '1284639187346192', username: 'jane.doe' },
        ownComment: false,
        text: 'Love it! price?',
        createdAt: undefined,
      }),
    ]);
  });

  it('a comment printed flat in entry[] is read too, with its parent', () => {
    const { comments } = parse('ig-comment-flat', 'instagram');
    expect(comments).toEqual([expect.objectContaining({ commentId: '17865799348089040', parentCommentId: '17865799348089039', text: 'and in blue?' })]);
  });

  it('an ad comment delivered twice in one body is two events with one comment id (the domain stores one)', () => {
    const { comments } = parse('ig-ad-comment', 'instagram');
    expect(comments.map((c) => c.commentId)).toEqual(['17865799348089111', '17865799348089111']);
  });

  it("a page body is not read as Instagram's, nor the other way round", () => {
    expect(parse('ig-comment-changes', 'page').comments).toEqual([]);
    expect(parse('fb-comment-add', 'instagram').comments).toEqual([]);
  });
});
