/**
 * Posts and comments of Facebook Pages and Instagram accounts, shared by the Messenger and
 * Instagram fakes (PLATFORMS.md C.4):
 * 1. a customer's comment goes out as a signed webhook: a Page `feed` change (`item: comment`,
 *    verbs add / edited / remove, `created_time` in SECONDS, `parent_id` == `post_id` for a comment
 *    directly under the post), or an Instagram `comments` change inside `entry[].changes[]` (or
 *    flat in `entry[]`, as Meta's examples print it); an ad comment may come twice;
 * 2. `POST /{comment-id}/comments` (Facebook) and `POST /{ig-comment-id}/replies` (Instagram)
 *    create a reply, answer `{id}`, and send the reply back as a webhook from the Page / account
 *    itself; Facebook comments nest one level, so a reply to a reply is refused [UNCONFIRMED];
 * 3. a private reply (`POST /{id}/messages` with `recipient.comment_id`) is allowed once per
 *    comment within 7 days; the second answers 10900 (Instagram mirrors it [UNCONFIRMED]); it
 *    does not open the 24-hour window;
 * 4. a scope withdrawn from the token (`withdrawScope`) makes the calls that need it answer 200
 *    (Facebook: "Requires pages_manage_engagement permission") or 10 (Instagram);
 * 5. `GET /{post-id}?fields=message,full_picture,permalink_url` (Facebook) and
 *    `GET /{media-id}?fields=caption,media_url,thumbnail_url,permalink,media_type` (Instagram) read
 *    a post of the token's account [UNCONFIRMED: not in PLATFORMS.md]; a post that was deleted
 *    (`deletePost`) or is another account's answers code 100 like any unknown node.
 */
import { GraphFault, invalidParam, unsupported, type GraphReply } from './graph-fake-kit';

const DAY = 24 * 3600_000;
const PRIVATE_REPLY_DAYS = 7;

export type CommentFlavour = 'facebook' | 'instagram';

export interface FakePost {
  id: string;
  accountId: string;
  permalink: string;
  /** A boosted post or an ad: its comments may be delivered twice. */
  ad: boolean;
  /** The post's text (Facebook `message`, Instagram `caption`). */
  message?: string;
  /** The post's picture; for a video, its thumbnail. */
  picture?: string;
  video?: boolean;
  /** Deleted on the platform: reading it answers code 100. */
  deleted?: boolean;
}

export type PostSpec = { id?: string; ad?: boolean; message?: string; picture?: string; video?: boolean };

export interface FakeComment {
  id: string;
  postId: string;
  accountId: string;
  /** The comment this one answers; unset directly under the post. */
  parentId?: string;
  from: { id: string; name?: string; username?: string };
  text: string;
  /** Fake-clock ms. */
  createdAt: number;
  removed: boolean;
  privatelyRepliedAt?: number;
}

export interface CommentSpec {
  /** Defaults to the account's first post (one is made when there is none). */
  postId?: string;
  /** The commenter: a Facebook user id / Instagram IGSID, with a name or username. */
  from: { id: string; name?: string; username?: string };
  text: string;
  parentId?: string;
  /** Fake-clock ms; defaults to now. */
  at?: number;
  /** Instagram: print the change flat in `entry[]` instead of inside `changes[]`. */
  flat?: boolean;
}

/** What a host fake does for the world: its clock, its ids, and sending a change as one signed webhook. */
export interface CommentHost {
  flavour: CommentFlavour;
  now(): number;
  nextId(): string;
  /** Delivers `{ field, value }` for the account, unless the app is not subscribed to the field. */
  deliver(accountId: string, change: { field: string; value: Record<string, unknown> }, options: { flat?: boolean }): Promise<unknown>;
}

export interface CommentWorld {
  posts: Map<string, FakePost>;
  comments: Map<string, FakeComment>;
  /** Scopes withdrawn per account id (all granted until withdrawn). */
  withdrawn: Map<string, Set<string>>;
  addPost(accountId: string, spec?: PostSpec): FakePost;
  /** The post is deleted on the platform; reading it answers code 100. */
  deletePost(postId: string): void;
  /** `GET /{post-id}` with the account's token; undefined when the id is no post of this world (the host answers). */
  readPost(accountId: string, id: string, fields: string[] | undefined): GraphReply | undefined;
  /** A customer comments; returns the comment (the webhook is on its way, or done once awaited). */
  customerComments(accountId: string, spec: CommentSpec): Promise<FakeComment>;
  /** The customer edits their comment (Facebook sends `verb: edited`; Instagram sends nothing). */
  customerEdits(commentId: string, text: string): Promise<void>;
  /** The comment is removed (Facebook sends `verb: remove`; Instagram sends nothing). */
  removeComment(commentId: string): Promise<void>;
  withdrawScope(accountId: string, scope: string): void;
  grantScope(accountId: string, scope: string): void;
  /** Handles `POST /{comment-id}/comments|replies`; undefined when the path is not a comment edge. */
  route(method: string, segments: string[], params: Record<string, unknown>, account: { id: string; name: string }): Promise<GraphReply> | undefined;
  /** The Send API with `recipient.comment_id`: the comment's one private reply. */
  privateReply(account: { id: string }, params: Record<string, unknown>): GraphReply;
}

export function createCommentWorld(host: CommentHost): CommentWorld {
  const posts = new Map<string, FakePost>();
  const comments = new Map<string, FakeComment>();
  const withdrawn = new Map<string, Set<string>>();
  const facebook = host.flavour === 'facebook';
  const scopes = facebook
    ? { public: 'pages_manage_engagement', private: 'pages_messaging' }
    : { public: 'instagram_manage_comments', private: 'instagram_manage_messages' };

  function addPost(accountId: string, spec: PostSpec = {}): FakePost {
    // Facebook post ids are `{page-id}_{post-id}`; Instagram media ids are plain numbers
    const id = spec.id ?? (facebook ? `${accountId}_${host.nextId()}` : host.nextId());
    const post: FakePost = {
      id,
      accountId,
      permalink: facebook ? `https://www.facebook.com/${id.replace('_', '/posts/')}` : `https://www.instagram.com/p/${id}/`,
      ad: spec.ad ?? false,
      message: spec.message,
      picture: spec.picture,
      video: spec.video,
    };
    posts.set(id, post);
    return post;
  }

  function postOf(accountId: string, postId?: string): FakePost {
    if (postId) return posts.get(postId) ?? addPost(accountId, { id: postId });
    return [...posts.values()].find((p) => p.accountId === accountId) ?? addPost(accountId);
  }

  function feedValue(c: FakeComment, verb: 'add' | 'edited' | 'remove'): Record<string, unknown> {
    const post = posts.get(c.postId)!;
    const value: Record<string, unknown> = {
      from: c.from.name === undefined ? { id: c.from.id } : { id: c.from.id, name: c.from.name },
      post: { status_type: 'mobile_status_update', is_published: true, updated_time: new Date(host.now()).toISOString().replace('Z', '+0000'), permalink_url: post.permalink, promotion_status: post.ad ? 'active' : 'inactive', id: post.id },
      post_id: c.postId,
      comment_id: c.id,
      created_time: Math.floor(c.createdAt / 1000),
      item: 'comment',
      parent_id: c.parentId ?? c.postId,
      verb,
    };
    if (verb !== 'remove') value.message = c.text;
    return value;
  }

  function instagramValue(c: FakeComment): Record<string, unknown> {
    const post = posts.get(c.postId)!;
    const media: Record<string, unknown> = { id: c.postId, media_product_type: post.ad ? 'AD' : 'FEED' };
    if (post.ad) Object.assign(media, { ad_id: `ad_${c.postId}`, ad_title: 'Screen repair in an hour' });
    const value: Record<string, unknown> = { from: { id: c.from.id, username: c.from.username ?? c.from.id }, media, id: c.id, text: c.text };
    if (c.parentId) value.parent_id = c.parentId;
    return value;
  }

  async function announce(c: FakeComment, verb: 'add' | 'edited' | 'remove', flat = false) {
    if (facebook) return void (await host.deliver(c.accountId, { field: 'feed', value: feedValue(c, verb) }, {}));
    if (verb !== 'add') return;
    const change = { field: 'comments', value: instagramValue(c) };
    await host.deliver(c.accountId, change, { flat });
    // comments on ads and boosted posts may arrive twice
    if (posts.get(c.postId)!.ad) await host.deliver(c.accountId, change, { flat });
  }

  async function customerComments(accountId: string, spec: CommentSpec): Promise<FakeComment> {
    const post = postOf(accountId, spec.postId);
    const comment: FakeComment = {
      id: facebook ? `${post.id.split('_').pop()}_${host.nextId()}` : host.nextId(),
      postId: post.id,
      accountId,
      parentId: spec.parentId,
      from: spec.from,
      text: spec.text,
      createdAt: spec.at ?? host.now(),
      removed: false,
    };
    comments.set(comment.id, comment);
    await announce(comment, 'add', spec.flat);
    return comment;
  }

  function requireScope(accountId: string, scope: string): void {
    if (!withdrawn.get(accountId)?.has(scope)) return;
    if (facebook) throw new GraphFault(403, 200, `(#200) Requires ${scope} permission to manage the object`, { type: 'OAuthException' });
    throw new GraphFault(403, 10, '(#10) Application does not have permission for this action', { type: 'OAuthException' });
  }

  function commentOf(accountId: string, id: string, method: string): FakeComment {
    const comment = comments.get(id);
    if (!comment || comment.accountId !== accountId || comment.removed) throw unsupported(method, id);
    return comment;
  }

  async function publicReply(account: { id: string; name: string }, targetId: string, params: Record<string, unknown>): Promise<GraphReply> {
    requireScope(account.id, scopes.public);
    const target = commentOf(account.id, targetId, 'POST');
    const text = params.message;
    if (typeof text !== 'string' || !text.trim()) throw invalidParam('The parameter message is required');
    if (target.parentId && facebook) throw invalidParam('Replies can only be made to top-level comments');
    const reply: FakeComment = {
      id: facebook ? `${target.postId.split('_').pop()}_${host.nextId()}` : host.nextId(),
      postId: target.postId,
      accountId: account.id,
      parentId: target.id,
      from: facebook ? { id: account.id, name: account.name } : { id: account.id, username: account.name },
      text,
      createdAt: host.now(),
      removed: false,
    };
    comments.set(reply.id, reply);
    // the Page's own reply comes back like any comment, from the Page
    await announce(reply, 'add');
    return { status: 200, json: { id: reply.id } };
  }

  function privateReply(account: { id: string }, params: Record<string, unknown>): GraphReply {
    requireScope(account.id, scopes.private);
    const recipient = params.recipient as Record<string, unknown>;
    const comment = commentOf(account.id, String(recipient.comment_id), 'POST');
    const message = params.message;
    if (typeof message !== 'object' || message === null || typeof (message as Record<string, unknown>).text !== 'string') {
      throw invalidParam('The parameter message[text] is required');
    }
    if (comment.from.id === account.id) throw new GraphFault(400, 10903, "(#10903) This user can't reply to this activity");
    if (comment.privatelyRepliedAt !== undefined) throw new GraphFault(400, 10900, '(#10900) Activity already replied to');
    if (host.now() - comment.createdAt > PRIVATE_REPLY_DAYS * DAY) {
      throw new GraphFault(400, 10, '(#10) This message is sent outside of allowed window.', { subcode: 2018278 });
    }
    // one per comment; it does not open the messaging window (the customer's DM would)
    comment.privatelyRepliedAt = host.now();
    return { status: 200, json: { recipient_id: `${comment.from.id}`, message_id: `m_private_${host.nextId()}` } };
  }

  const POST_FIELDS = facebook
    ? new Set(['id', 'message', 'full_picture', 'permalink_url', 'created_time'])
    : new Set(['id', 'caption', 'media_url', 'thumbnail_url', 'permalink', 'media_type', 'timestamp']);

  function readPost(accountId: string, id: string, fields: string[] | undefined): GraphReply | undefined {
    const post = posts.get(id);
    if (!post) return undefined;
    if (post.accountId !== accountId || post.deleted) throw unsupported('GET', id);
    for (const field of fields ?? []) {
      if (!POST_FIELDS.has(field)) throw invalidParam(`Tried accessing nonexisting field (${field}) on node type (${facebook ? 'Post' : 'IGMedia'})`);
    }
    const node: Record<string, unknown> = facebook
      ? { id: post.id, message: post.message, full_picture: post.picture, permalink_url: post.permalink, created_time: new Date(host.now()).toISOString().replace('Z', '+0000') }
      : {
          id: post.id,
          caption: post.message,
          media_type: post.video ? 'VIDEO' : 'IMAGE',
          // a video's media_url is the video itself; its picture is thumbnail_url
          media_url: post.video ? `https://scontent.cdninstagram.com/v/${post.id}.mp4` : post.picture,
          thumbnail_url: post.video ? post.picture : undefined,
          permalink: post.permalink,
          timestamp: new Date(host.now()).toISOString().replace('Z', '+0000'),
        };
    const out: Record<string, unknown> = {};
    for (const field of fields ?? ['id']) if (node[field] !== undefined) out[field] = node[field];
    out.id = post.id;
    return { status: 200, json: out };
  }

  return {
    posts,
    comments,
    withdrawn,
    addPost,
    deletePost(postId) {
      posts.get(postId)!.deleted = true;
    },
    readPost,
    customerComments,
    async customerEdits(commentId, text) {
      const comment = comments.get(commentId)!;
      comment.text = text;
      await announce(comment, 'edited');
    },
    async removeComment(commentId) {
      const comment = comments.get(commentId)!;
      comment.removed = true;
      await announce(comment, 'remove');
    },
    withdrawScope(accountId, scope) {
      withdrawn.set(accountId, new Set([...(withdrawn.get(accountId) ?? []), scope]));
    },
    grantScope(accountId, scope) {
      withdrawn.get(accountId)?.delete(scope);
    },
    route(method, segments, params, account) {
      if (method !== 'POST' || segments.length !== 2 || segments[1] !== (facebook ? 'comments' : 'replies')) return undefined;
      return publicReply(account, segments[0], params);
    },
    privateReply,
  };
}
