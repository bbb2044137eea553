/**
 * A fake of graph.facebook.com for Instagram Messaging via Facebook Login (PLATFORMS.md B.6), plus
 * the Facebook Login OAuth dialog and token endpoints, served over real HTTP on 127.0.0.1.
 *
 * The seeded world: one Facebook user who manages two Pages; the first Page is linked to an
 * Instagram professional account, the second is not. Instagram customers (IGSIDs) DM the account
 * through signed `object:"instagram"` webhooks; the Send API enforces Instagram's rules (text under
 * 1000 characters, recipient must have DMed, 24 h window, HUMAN_AGENT up to 7 days, no other tag)
 * against a settable clock; the profile endpoint answers 230 for commenters who never DMed.
 *
 *   const ig = await startFakeInstagramGraph({ appSecret, webhookUrl, now: Date.parse('2026-06-01T09:00:00Z') });
 *   // browser or fetch: ig.dialogUrl?client_id=...&redirect_uri=...&state=... → "Continue as ..." → ?code=
 *   // app: /oauth/access_token → fb_exchange_token → /me/accounts → POST /{page}/subscribed_apps
 *   const { mid } = await ig.customerWrites('9900000000000001', 'Hi! Is this in stock?');
 *   ig.clock.advance(25 * 3600_000);          // a RESPONSE send now answers 10/2018278; HUMAN_AGENT still works
 *   await ig.customerSees('9900000000000001', mid);
 *   ig.expireToken(ig.page.id);               // the page token answers 190/463
 *   await ig.stop();
 *
 * Comments and their public and private replies (part C) are `comments` (tests/fakes/meta-comments.ts).
 * Not modelled: Instagram Login (graph.instagram.com),
 * attachment upload API, reactions sent by the business, rate limits (script them with `fail`).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createCommentWorld, type CommentWorld } from './meta-comments';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeClock, createFakeLifecycle, isObject, serveLocally } from './fake-utils';
import {
  checkMetadata,
  checkTextOrAttachment,
  createGraphKit,
  FAKE_PNG,
  fetchAttachment,
  GraphFault,
  graphErrors,
  groupEntries,
  invalidParam,
  messagingTypeParam,
  senderAction,
  servePicture,
  subscribedAppsEdge,
  unsupported,
  withoutAuth,
  type GraphRecordedCall,
  type GraphReply,
  type MessagingScriptedFailure,
} from './graph-fake-kit';
import { createDeliveryHealth, createWebhookOutbox, retryPolicy, signWebhook, type SignedWebhook, type WebhookSenderOptions } from './webhook-sender';

/** A real 1x1 PNG: the picture behind every customer `profile_pic` this fake hands out. */
export const FAKE_IG_PROFILE_PNG = FAKE_PNG;
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const STANDARD_WINDOW_MS = 24 * HOUR;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
/** Instagram text must be under 1000 characters (B.3). */
const TEXT_LIMIT = 1000;
/** Facebook documents authorization codes as valid for 10 minutes. */
const CODE_TTL_MS = 10 * MINUTE;
const TOKEN_EXPIRES_IN = 5183944;
const SENDER_ACTIONS = new Set(['mark_seen', 'typing_on', 'typing_off']);
const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video', 'file', 'template', 'like_heart']);
const MB = 1024 * 1024;
/** B.3: what Instagram takes per attachment type. */
const IG_MEDIA: Record<string, { types: RegExp; max: number; name: string }> = {
  image: { types: /^image\/(png|jpeg|gif)$/, max: 8 * MB, name: 'PNG, JPEG or GIF up to 8 MB' },
  audio: { types: /^audio\/(aac|x-aac|mp4|m4a|x-m4a|wav|x-wav|wave|vnd\.wave)$/, max: 25 * MB, name: 'AAC, M4A, WAV or MP4 up to 25 MB' },
  video: { types: /^video\/(mp4|ogg|x-msvideo|avi|quicktime|webm)$/, max: 25 * MB, name: 'MP4, OGG, AVI, MOV or WebM up to 25 MB' },
};
const PAGE_FIELDS = new Set(['id', 'name', 'category', 'access_token', 'tasks', 'instagram_business_account', 'connected_instagram_account']);
const IG_ACCOUNT_FIELDS = new Set(['id', 'username', 'name', 'profile_picture_url']);
const USER_FIELDS = new Set(['id', 'name']);
const IG_PROFILE_FIELDS = new Set([
  'id',
  'name',
  'username',
  'profile_pic',
  'follower_count',
  'is_user_follow_business',
  'is_business_follow_user',
  'is_verified_user',
]);
/** Webhook fields of the `instagram` object the app is subscribed to at app level (B.1). */
export const INSTAGRAM_WEBHOOK_FIELDS = [
  'messages',
  'messaging_seen',
  'message_reactions',
  'messaging_postbacks',
  'messaging_referral',
  'comments',
] as const;
export const DEFAULT_PAGE_TASKS = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];

// ---------------------------------------------------------------------------------------------
// Public types

export interface FakeFacebookUser {
  id: string;
  name: string;
  /** Short-lived user token, answered by the code exchange. */
  token: string;
  /** Long-lived user token, answered by the `fb_exchange_token` exchange. */
  longLivedToken: string;
  /** Both user tokens answer 190/463 while set. */
  tokenExpired: boolean;
}

export interface FakeInstagramAccount {
  /** Instagram professional account id (`178414...`), the `entry[].id` of webhooks. */
  id: string;
  username: string;
  name: string;
  profilePictureUrl: string;
}

export interface FakeIgPage {
  id: string;
  name: string;
  token: string;
  tasks: string[];
  /** The linked Instagram professional account, if any. */
  instagram?: FakeInstagramAccount;
  /** Fields given to `POST /{page}/subscribed_apps`; empty = the app is not subscribed (no webhooks). */
  subscribedFields: Set<string>;
  /** Listed by the user's `/me/accounts` (default true). */
  managed: boolean;
  tokenExpired: boolean;
}

export interface FakeIgPageSpec {
  id?: string;
  name?: string;
  token?: string;
  tasks?: string[];
  /** `null` for a page without a linked Instagram account. */
  instagram?: Partial<FakeInstagramAccount> | null;
  /** `true` subscribes to `messages`; a list subscribes to those fields. Default false. */
  subscribed?: boolean | string[];
  managed?: boolean;
}

export interface FakeIgCustomer {
  igsid: string;
  /** The Instagram account this IGSID is scoped to. */
  igId: string;
  name: string | null;
  username: string;
  /** Defaults to this fake's own origin (`/v/t51.2885-19/<igsid>_profile.jpg`, as on scontent.cdninstagram.com), which serves a PNG. */
  profilePic: string | null;
  /** Set once the person DMs the account; the profile endpoint and the Send API require it. */
  consent: boolean;
  /** Fake-clock ms of the customer's last message; opens the messaging window. */
  lastInboundAt?: number;
}

/** A Graph call as it arrived and how it was answered. */
export type RecordedCall = GraphRecordedCall;

export interface SentIgMessage {
  pageId: string;
  igId: string;
  igsid: string;
  mid: string;
  messagingType: string;
  tag?: string;
  text?: string;
  attachment?: { type: string; payload?: Record<string, unknown> };
  /** What Meta downloaded from `payload.url` (fetchAttachmentUrls). */
  file?: { mimeType?: string; bytes: Uint8Array };
  metadata?: string;
  at: number;
}

export type ScriptedFailure = MessagingScriptedFailure;

export const instagramGraphErrors = {
  tokenExpired: graphErrors.tokenExpired,
  tokenInvalid: graphErrors.tokenInvalid,
  userUnavailable: { status: 400, code: 551, type: 'OAuthException', message: "(#551) This person isn't available right now." },
  rateLimitCalls: graphErrors.rateLimitCalls,
  unexpected: graphErrors.unexpected,
  serverError: graphErrors.serverError,
  badGateway: graphErrors.badGateway,
} satisfies Record<string, ScriptedFailure>;

export type InstagramGraphErrorName = keyof typeof instagramGraphErrors;

/** One event ready for a webhook POST. Build with `ig.events.*`, send with `ig.emit`. */
export interface FakeIgEvent {
  igId: string;
  igsid: string;
  /** Webhook field (B.1): `messages` (also echoes and unsends), `messaging_seen`, `message_reactions`... */
  field: string;
  event: Record<string, unknown>;
}

export interface IgWebhookDelivery extends SignedWebhook {
  events: FakeIgEvent[];
  /** True when nothing was sent; `skipReason` says why. */
  skipped: boolean;
  skipReason?: string;
  /** The mid of the first message event, if any (handy for `customerSees` / `customerUnsends`). */
  mid?: string;
}

export type IgAttachmentSpec =
  | { type: 'image' | 'video' | 'audio' | 'file' | 'share' | 'story_mention' | 'ig_reel' | (string & {}); url?: string }
  | { type: string; payload: Record<string, unknown> };

export interface CustomerWritesOptions {
  timestamp?: number;
  attachments?: IgAttachmentSpec[];
  /** Which Instagram account is written to (default: the customer's, else the first linked one). */
  igId?: string;
  mid?: string;
  replyToMid?: string;
}

export interface IgEmitOptions {
  /** Sign with this secret instead, to test signature rejection. */
  appSecret?: string;
  webhookUrl?: string;
}

export interface FakeInstagramGraphOptions extends WebhookSenderOptions {
  appSecret: string;
  appId?: string;
  /** Shown in the login dialog and in `subscribed_apps` (default "Chats"). */
  appName?: string;
  webhookUrl?: string;
  /** A fixed fake-clock time that only set/advance move; without it the clock follows real time. */
  now?: number | Date;
  /** Version in `url` (default v24.0); any `/vX.Y` prefix is accepted on requests. */
  version?: string;
  user?: Partial<Pick<FakeFacebookUser, 'id' | 'name' | 'token' | 'longLivedToken'>>;
  /** Replaces the two seeded pages. */
  pages?: FakeIgPageSpec[];
  /** `true`: the dialog answers 302 to the success redirect; `'cancel'`: to the denial redirect. */
  autoApprove?: boolean | 'cancel';
  /** When set, the dialog refuses other redirect URIs (compared without query), like "Valid OAuth Redirect URIs". */
  allowedRedirectUris?: string[];
  /** Reject Graph calls without `appsecret_proof`, as an app with "Require App Secret" does. */
  requireAppSecretProof?: boolean;
  /** App-level `instagram` webhook fields; events of other fields are not sent (default: all of B.1 messaging). */
  webhookFields?: string[];
  /** Emit an echo webhook per successful send (default true). */
  echoes?: boolean;
  /** `after-response` (default) or `before-response`. */
  echoTiming?: 'after-response' | 'before-response';
  /**
   * Copy `message.metadata` of a send into its echo. Off by default: PLATFORMS.md documents
   * metadata in echoes for Messenger only; whether Instagram echoes carry it is unconfirmed.
   */
  echoMetadata?: boolean;
  /**
   * Download `payload.url` attachments as Meta does and check them against B.3 (images PNG/JPEG/GIF
   * up to 8 MB, audio and video up to 25 MB), recording the bytes on the sent message; a URL that
   * does not answer 200 fails the send with 100/2018008 [UNCONFIRMED code]. Off by default so tests
   * can send made-up URLs without a network.
   */
  fetchAttachmentUrls?: boolean;
  /** Drop the app's subscription on a page after this many consecutive failed deliveries. */
  unsubscribeAfterFailures?: number;
}

export interface IssuedCode {
  code: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  issuedAt: number;
  used: boolean;
}

export interface FakeInstagramGraph {
  /** Graph base including the version, e.g. `http://127.0.0.1:PORT/v24.0`. */
  url: string;
  origin: string;
  /** The login dialog, `${origin}/v24.0/dialog/oauth`. */
  dialogUrl: string;
  appId: string;
  appSecret: string;
  appName: string;
  user: FakeFacebookUser;
  pages: FakeIgPage[];
  /** The first page (linked to Instagram in the seeded world). */
  page: FakeIgPage;
  /** The first page's Instagram account. */
  instagram: FakeInstagramAccount;
  customers: Map<string, FakeIgCustomer>;
  codes: IssuedCode[];
  calls: RecordedCall[];
  sent: SentIgMessage[];
  webhooks: IgWebhookDelivery[];
  clock: { now(): number; set(time: number | Date): void; advance(ms: number): void };
  /** The accounts' media and comments (PLATFORMS.md C.4), keyed by the Instagram account id. */
  comments: CommentWorld;

  addPage(spec?: FakeIgPageSpec): FakeIgPage;
  /** A customer who has DMed (consent) unless `consent: false`; no webhook is sent. */
  addCustomer(spec: Partial<FakeIgCustomer> & { igsid: string }): FakeIgCustomer;
  /** Someone who only commented: has a username, never DMed, so no consent. */
  addCommenter(igsid: string, username: string, options?: { igId?: string; name?: string | null }): FakeIgCustomer;
  subscribe(pageId: string, fields?: string[]): void;
  /** Meta drops the app's subscription (e.g. after webhooks kept failing). */
  unsubscribe(pageId: string): void;
  /** The page's token (default: first page) answers 190/463 until `restoreToken`. */
  expireToken(pageId?: string): void;
  restoreToken(pageId?: string): void;
  expireUserToken(): void;
  restoreUserToken(): void;
  fail(failure: ScriptedFailure | InstagramGraphErrorName, times?: number): void;
  /** Alias of `fail`, as in meta-graph. */
  failNext(failure: ScriptedFailure | InstagramGraphErrorName, times?: number): void;
  clearFailures(): void;
  setWebhookUrl(url: string | undefined): void;
  setAutoApprove(mode: boolean | 'cancel'): void;
  setEchoes(on: boolean): void;

  events: {
    message(igsid: string, text: string | undefined, options?: CustomerWritesOptions): FakeIgEvent;
    seen(igsid: string, mid: string, options?: { timestamp?: number }): FakeIgEvent;
    unsend(igsid: string, mid: string, options?: { timestamp?: number }): FakeIgEvent;
    reaction(igsid: string, mid: string, emoji?: string | null, options?: { timestamp?: number }): FakeIgEvent;
    echo(igsid: string, content: { text?: string; mid?: string; attachments?: Array<Record<string, unknown>> }, options?: { timestamp?: number }): FakeIgEvent;
    custom(igsid: string, field: string, event: Record<string, unknown>): FakeIgEvent;
  };
  emit(events: FakeIgEvent[], options?: IgEmitOptions): Promise<IgWebhookDelivery>;
  /** The customer DMs the account: opens the 24 h window, grants profile consent, sends the webhook. */
  customerWrites(igsid: string, text: string, options?: CustomerWritesOptions): Promise<IgWebhookDelivery & { mid: string }>;
  /** `messaging_seen`: `read: { mid }`, no watermark. */
  customerSees(igsid: string, mid: string, options?: { timestamp?: number }): Promise<IgWebhookDelivery>;
  /** The customer unsends a message: `message: { mid, is_deleted: true }`. */
  customerUnsends(igsid: string, mid: string, options?: { timestamp?: number }): Promise<IgWebhookDelivery>;
  /** `message_reactions`: react with an emoji, or unreact with `null`. */
  customerReacts(igsid: string, mid: string, emoji?: string | null): Promise<IgWebhookDelivery>;
  redeliver(delivery: IgWebhookDelivery): Promise<IgWebhookDelivery>;
  /** Resolves once every webhook in flight (echoes included) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation

type Reply = GraphReply;

type Principal = { kind: 'user' } | { kind: 'page'; page: FakeIgPage };

export interface FieldSpec {
  name: string;
  sub?: FieldSpec[];
}

const needsPageToken = () => new GraphFault(400, 210, '(#210) This call requires a Page access token.');

export async function startFakeInstagramGraph(options: FakeInstagramGraphOptions): Promise<FakeInstagramGraph> {
  const appId = options.appId ?? '1517776481860111';
  const appName = options.appName ?? 'Chats';
  const version = options.version ?? 'v24.0';
  const webhookFields = new Set(options.webhookFields ?? INSTAGRAM_WEBHOOK_FIELDS);
  const pages: FakeIgPage[] = [];
  const customers = new Map<string, FakeIgCustomer>();
  const codes: IssuedCode[] = [];
  const sent: SentIgMessage[] = [];
  const webhooks: IgWebhookDelivery[] = [];
  const life = createFakeLifecycle();
  const { track, idle } = life;
  const clock = createFakeClock(options.now);
  const graph = createGraphKit<ScriptedFailure, InstagramGraphErrorName>({
    presets: instagramGraphErrors,
    signal: life.signal,
    clock,
    bodies: { form: true },
  });
  const { calls } = graph;
  const health = createDeliveryHealth<FakeIgPage>(
    options.unsubscribeAfterFailures,
    (page) => page.subscribedFields.clear(),
    (page) => page.id,
  );
  const outbox = createWebhookOutbox(webhooks, retryPolicy(options, life.signal), (delivery) => {
    const igIds = new Set(delivery.events.map((e) => e.igId));
    health.note([...igIds].flatMap((igId) => pageOfIg(igId) ?? []), delivery.ok);
  });
  let webhookUrl = options.webhookUrl;
  let autoApprove = options.autoApprove ?? false;
  let echoes = options.echoes ?? true;
  let idCounter = 0;
  let assetCounter = 0;

  const nextId = (start: number) => String(start + ++idCounter);
  // Instagram mids are base64 of an `ig_message...` item key.
  const newMid = (igId: string) =>
    Buffer.from(`ig_item:1:IGMessageThread:${igId}:${BigInt(`0x${randomBytes(8).toString('hex')}`)}`).toString('base64url');
  const cdnUrl = () => `https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=${17_900_000_000_000_000 + ++assetCounter}&signature=${randomBytes(12).toString('base64url')}`;

  const user: FakeFacebookUser = {
    id: options.user?.id ?? '10229876543210001',
    name: options.user?.name ?? 'Dana Whitfield',
    token: options.user?.token ?? `EAAUserShort${randomBytes(12).toString('hex')}`,
    longLivedToken: options.user?.longLivedToken ?? `EAAUserLong${randomBytes(16).toString('hex')}`,
    tokenExpired: false,
  };

  function addPage(spec: FakeIgPageSpec = {}): FakeIgPage {
    const id = spec.id ?? nextId(107538155270000);
    const ig = spec.instagram;
    let instagram: FakeInstagramAccount | undefined;
    if (ig !== null && ig !== undefined) {
      const igId = ig.id ?? nextId(17841400000000000);
      instagram = {
        id: igId,
        username: ig.username ?? `page_${id.slice(-4)}`,
        name: ig.name ?? spec.name ?? `Fake Page ${id}`,
        profilePictureUrl: ig.profilePictureUrl ?? `https://scontent.cdninstagram.com/v/t51.2885-19/${igId}_n.jpg`,
      };
    }
    const subscribed = spec.subscribed === true ? ['messages'] : Array.isArray(spec.subscribed) ? spec.subscribed : [];
    const page: FakeIgPage = {
      id,
      name: spec.name ?? `Fake Page ${id}`,
      token: spec.token ?? `EAAPage${id}${randomBytes(8).toString('hex')}`,
      tasks: spec.tasks ?? [...DEFAULT_PAGE_TASKS],
      instagram,
      subscribedFields: new Set(subscribed),
      managed: spec.managed ?? true,
      tokenExpired: false,
    };
    pages.push(page);
    return page;
  }

  const seeded: FakeIgPageSpec[] = options.pages ?? [
    { id: '107538155271623', name: 'Acme Support', instagram: { id: '17841400000000001', username: 'acme.support', name: 'Acme Support' } },
    { id: '209876543210987', name: 'Acme Sales', instagram: null },
  ];
  for (const spec of seeded) addPage(spec);

  function pageFor(pageId?: string): FakeIgPage {
    const page = pageId === undefined ? pages[0] : pages.find((p) => p.id === pageId);
    if (!page) throw new Error(`fake instagram graph: unknown page ${pageId ?? '(none configured)'}`);
    return page;
  }

  function pageOfIg(igId: string): FakeIgPage | undefined {
    return pages.find((p) => p.instagram?.id === igId);
  }

  function defaultIgId(): string {
    const page = pages.find((p) => p.instagram);
    if (!page) throw new Error('fake instagram graph: no page has a linked Instagram account');
    return page.instagram!.id;
  }

  function addCustomer(spec: Partial<FakeIgCustomer> & { igsid: string }): FakeIgCustomer {
    const igId = spec.igId ?? defaultIgId();
    if (!pageOfIg(igId)) throw new Error(`fake instagram graph: unknown Instagram account ${igId}`);
    const tail = spec.igsid.slice(-4);
    const customer: FakeIgCustomer = {
      igsid: spec.igsid,
      igId,
      name: spec.name === undefined ? `Customer ${tail}` : spec.name,
      username: spec.username ?? `customer_${tail}`,
      profilePic:
        spec.profilePic === undefined ? `${origin}/v/t51.2885-19/${spec.igsid}_profile.jpg?oe=6700AB12` : spec.profilePic,
      consent: spec.consent ?? true,
      lastInboundAt: spec.lastInboundAt,
    };
    customers.set(spec.igsid, customer);
    return customer;
  }

  function customerFor(igsid: string, igId?: string): FakeIgCustomer {
    const existing = customers.get(igsid);
    if (existing) {
      if (igId !== undefined && existing.igId !== igId) {
        throw new Error(`fake instagram graph: IGSID ${igsid} belongs to ${existing.igId}; IGSIDs are scoped per account`);
      }
      return existing;
    }
    return addCustomer({ igsid, igId, consent: false });
  }

  // ------------------------------------------------------------------------- HTTP

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { request, call } = await graph.receive(req);
    const { method, path, query, body, token } = request;

    // the CDN behind customers' `profile_pic` links: no token, only the picture of a known IGSID
    const picture = method === 'GET' ? /^\/v\/t51\.2885-19\/(\d+)_profile\.jpg$/.exec(request.url.pathname) : null;
    if (picture) return servePicture(res, call, customers.has(picture[1]), FAKE_IG_PROFILE_PNG);
    // the CDN behind a post's `media_url` / `thumbnail_url` (`/v/t51.2885-15/<media id>_post.jpg`): a picture for a known post
    const postPicture = method === 'GET' ? /^\/v\/t51\.2885-15\/(\d+)_post\.jpg$/.exec(request.url.pathname) : null;
    if (postPicture) return servePicture(res, call, comments.posts.has(postPicture[1]), FAKE_IG_PROFILE_PNG);

    graph.finish(res, call, await graph.answer(request, () => route(method, path, query, body, token, request.version ?? version)));
  }

  async function route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    token: string | undefined,
    requestVersion: string,
  ): Promise<Reply> {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET' && segments.join('/') === 'dialog/oauth') return loginDialog(query);
    if (method === 'GET' && segments.join('/') === 'oauth/access_token') return accessToken(query);

    const principal = authenticate(token, query.appsecret_proof);
    const params = { ...withoutAuth(query), ...(isObject(body) ? body : {}) };

    if (segments.length === 2 && segments[1] === 'messages' && method === 'POST') {
      if (principal.kind !== 'page') throw needsPageToken();
      const { page } = principal;
      if (segments[0] !== 'me' && segments[0] !== page.id && segments[0] !== page.instagram?.id) throw unsupported(method, segments[0]);
      if (isObject(params.recipient) && params.recipient.comment_id !== undefined && page.instagram) return comments.privateReply(page.instagram, params);
      return sendApi(page, params);
    }
    const commentReply =
      principal.kind === 'page' && principal.page.instagram
        ? comments.route(method, segments, params, { id: principal.page.instagram.id, name: principal.page.instagram.username })
        : undefined;
    if (commentReply) return commentReply;
    if (segments.length === 2 && segments[1] === 'subscribed_apps') {
      return subscribedApps(method, principal, segments[0], params);
    }
    if (segments.length === 2 && segments[0] === 'me' && segments[1] === 'accounts' && method === 'GET') {
      if (principal.kind !== 'user') throw invalidParam('Tried accessing nonexisting field (accounts) on node type (Page)');
      return meAccounts(query, requestVersion);
    }
    if (segments.length === 1 && method === 'GET') return readNode(principal, segments[0], params.fields);
    if (segments.length === 0) throw unsupported(method, '');
    throw new GraphFault(400, 2500, `Unknown path components: /${segments.slice(1).join('/')}`);
  }

  function authenticate(token: string | undefined, proof: string | undefined): Principal {
    if (!token) throw new GraphFault(400, 104, 'An access token is required to request this resource.');
    const isUser = token === user.token || token === user.longLivedToken;
    const page = isUser ? undefined : pages.find((p) => p.token === token);
    if (!isUser && !page) throw new GraphFault(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (proof !== undefined && proof !== createHmac('sha256', options.appSecret).update(token).digest('hex')) {
      throw new GraphFault(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
    }
    if (proof === undefined && options.requireAppSecretProof) {
      throw new GraphFault(400, 100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' });
    }
    if (isUser ? user.tokenExpired : page!.tokenExpired) {
      throw new GraphFault(400, 190, instagramGraphErrors.tokenExpired.message, { subcode: 463 });
    }
    return isUser ? { kind: 'user' } : { kind: 'page', page: page! };
  }

  // ------------------------------------------------------------------------- OAuth

  function loginDialog(query: Record<string, string>): Reply {
    if (query.client_id !== appId) {
      return htmlError(400, 'Invalid App ID', 'The provided app ID does not look like a valid app ID.');
    }
    const redirectUri = query.redirect_uri;
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) {
      return htmlError(400, "Can't Load URL", 'The domain of this URL isn\'t included in the app\'s domains.');
    }
    if (options.allowedRedirectUris && !options.allowedRedirectUris.some((allowed) => withoutQuery(allowed) === withoutQuery(redirectUri))) {
      return htmlError(
        400,
        'URL Blocked',
        "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
      );
    }
    const responseType = query.response_type ?? 'code';
    if (responseType !== 'code') return htmlError(400, 'Unsupported response_type', `This fake only serves response_type=code, not ${responseType}.`);
    const scopes = (query.scope ?? '').split(/[,\s]+/).filter(Boolean);
    const state = query.state;

    const issued: IssuedCode = { code: `AQ${randomBytes(48).toString('base64url')}`, redirectUri, scopes, state, issuedAt: clock.now(), used: false };
    codes.push(issued);
    const approve = withParams(redirectUri, { code: issued.code, state });
    const cancel = withParams(redirectUri, {
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state,
    });

    if (autoApprove) return { status: 302, text: '', headers: { location: autoApprove === 'cancel' ? cancel : approve } };

    const items = scopes.length ? scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('') : '<li>public_profile</li>';
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in with Facebook</title></head>
<body>
<main>
<h1>Log in with Facebook</h1>
<p><strong>${escapeHtml(appName)}</strong> wants to:</p>
<ul id="scopes">${items}</ul>
<p><a id="continue" role="button" href="${escapeHtml(approve)}">Continue as ${escapeHtml(user.name)}</a></p>
<p><a id="cancel" role="button" href="${escapeHtml(cancel)}">Cancel</a></p>
</main>
</body></html>`;
    return { status: 200, text: html };
  }

  function accessToken(query: Record<string, string>): Reply {
    if (query.client_id !== appId) throw new GraphFault(400, 101, 'Error validating application. Invalid application ID.');
    if (query.client_secret !== options.appSecret) throw new GraphFault(400, 1, 'Error validating client secret.');

    if (query.grant_type === 'fb_exchange_token') {
      const short = query.fb_exchange_token;
      if (!short) throw invalidParam('The parameter fb_exchange_token is required');
      if (short !== user.token && short !== user.longLivedToken) throw new GraphFault(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      if (user.tokenExpired) throw new GraphFault(400, 190, instagramGraphErrors.tokenExpired.message, { subcode: 463 });
      return { status: 200, json: { access_token: user.longLivedToken, token_type: 'bearer', expires_in: TOKEN_EXPIRES_IN } };
    }
    if (query.grant_type !== undefined && query.grant_type !== 'authorization_code') {
      throw invalidParam(`Unsupported grant_type ${query.grant_type}`);
    }

    if (query.redirect_uri === undefined) throw new GraphFault(400, 191, 'Missing redirect_uri parameter.');
    if (!query.code) throw invalidParam('The parameter code is required');
    const issued = codes.find((c) => c.code === query.code);
    if (!issued) throw new GraphFault(400, 100, 'Invalid verification code format.', { subcode: 36007 });
    if (issued.used) throw new GraphFault(400, 100, 'This authorization code has been used.', { subcode: 36009 });
    if (clock.now() - issued.issuedAt > CODE_TTL_MS) throw new GraphFault(400, 100, 'This authorization code has expired.', { subcode: 36007 });
    if (issued.redirectUri !== query.redirect_uri) {
      throw new GraphFault(
        400,
        100,
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        { subcode: 36008 },
      );
    }
    issued.used = true;
    return { status: 200, json: { access_token: user.token, token_type: 'bearer', expires_in: TOKEN_EXPIRES_IN } };
  }

  // ------------------------------------------------------------------------- Nodes

  function meAccounts(query: Record<string, string>, requestVersion: string): Reply {
    const fields = parseFields(query.fields) ?? [{ name: 'access_token' }, { name: 'category' }, { name: 'name' }, { name: 'id' }, { name: 'tasks' }];
    const managed = pages.filter((p) => p.managed);
    const limit = query.limit === undefined ? 25 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1) throw invalidParam('Param limit must be a positive integer');
    let start = 0;
    if (query.after !== undefined) {
      const afterId = decodeCursor(query.after);
      const index = managed.findIndex((p) => p.id === afterId);
      if (index < 0) throw invalidParam('The after cursor is invalid');
      start = index + 1;
    }
    const slice = managed.slice(start, start + limit);
    const data = slice.map((p) => renderPage(p, fields));
    if (slice.length === 0) return { status: 200, json: { data } };
    const paging: Record<string, unknown> = {
      cursors: { before: encodeCursor(slice[0].id), after: encodeCursor(slice[slice.length - 1].id) },
    };
    if (start + limit < managed.length) {
      const next = new URL(`${origin}/${requestVersion}/me/accounts`);
      for (const [k, v] of Object.entries(query)) if (k !== 'after' && k !== 'before') next.searchParams.set(k, v);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', encodeCursor(slice[slice.length - 1].id));
      paging.next = next.toString();
    }
    return { status: 200, json: { data, paging } };
  }

  function renderPage(page: FakeIgPage, fields: FieldSpec[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (!PAGE_FIELDS.has(f.name)) throw invalidParam(`Tried accessing nonexisting field (${f.name}) on node type (Page)`);
      switch (f.name) {
        case 'id':
          break;
        case 'name':
          out.name = page.name;
          break;
        case 'category':
          out.category = 'Product/service';
          break;
        case 'access_token':
          out.access_token = page.token;
          break;
        case 'tasks':
          out.tasks = [...page.tasks];
          break;
        case 'instagram_business_account':
        case 'connected_instagram_account':
          if (page.instagram) out[f.name] = renderIgAccount(page.instagram, f.sub);
          break;
      }
    }
    out.id = page.id;
    return out;
  }

  function renderIgAccount(account: FakeInstagramAccount, fields: FieldSpec[] | undefined): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields ?? []) {
      if (!IG_ACCOUNT_FIELDS.has(f.name) || f.sub) throw invalidParam(`Tried accessing nonexisting field (${f.name}) on node type (IGUser)`);
      if (f.name === 'username') out.username = account.username;
      if (f.name === 'name') out.name = account.name;
      if (f.name === 'profile_picture_url') out.profile_picture_url = account.profilePictureUrl;
    }
    out.id = account.id;
    return out;
  }

  function readNode(principal: Principal, id: string, fieldsParam: unknown): Reply {
    const fields = parseFields(typeof fieldsParam === 'string' ? fieldsParam : undefined);
    if (id === 'me') {
      if (principal.kind === 'page') return { status: 200, json: renderPage(principal.page, fields ?? [{ name: 'name' }]) };
      for (const f of fields ?? []) {
        if (!USER_FIELDS.has(f.name)) throw invalidParam(`Tried accessing nonexisting field (${f.name}) on node type (User)`);
      }
      const out: Record<string, unknown> = {};
      if (!fields || fields.some((f) => f.name === 'name')) out.name = user.name;
      out.id = user.id;
      return { status: 200, json: out };
    }

    const page = pages.find((p) => p.id === id);
    if (page) {
      const allowed = principal.kind === 'user' ? page.managed : principal.page.id === page.id;
      if (!allowed) throw unsupported('GET', id);
      return { status: 200, json: renderPage(page, fields ?? [{ name: 'name' }]) };
    }

    const igPage = pageOfIg(id);
    if (igPage) {
      const allowed = principal.kind === 'user' ? igPage.managed : principal.page.id === igPage.id;
      if (!allowed) throw unsupported('GET', id);
      return { status: 200, json: renderIgAccount(igPage.instagram!, fields) };
    }

    if (id === user.id && principal.kind === 'user') return readNode(principal, 'me', fieldsParam);

    const post = principal.kind === 'page' && principal.page.instagram ? comments.readPost(principal.page.instagram.id, id, fields?.map((f) => f.name)) : undefined;
    if (post) return post;
    const customer = customers.get(id);
    if (!customer || principal.kind !== 'page' || principal.page.instagram?.id !== customer.igId) throw unsupported('GET', id);
    for (const f of fields ?? []) {
      if (!IG_PROFILE_FIELDS.has(f.name) || f.sub) throw invalidParam(`Tried accessing nonexisting field (${f.name}) on node type (InstagramUser)`);
    }
    if (!customer.consent) throw new GraphFault(400, 230, 'User consent is required to access user profile');
    const profile: Record<string, unknown> = {
      name: customer.name,
      username: customer.username,
      profile_pic: customer.profilePic,
      follower_count: 0,
      is_user_follow_business: false,
      is_business_follow_user: false,
      is_verified_user: false,
    };
    const out: Record<string, unknown> = {};
    for (const f of fields ?? []) if (f.name !== 'id') out[f.name] = profile[f.name];
    out.id = customer.igsid;
    return { status: 200, json: out };
  }

  // ------------------------------------------------------------------------- subscribed_apps

  function subscribedApps(method: string, principal: Principal, pageId: string, params: Record<string, unknown>): Reply {
    if (principal.kind !== 'page') throw needsPageToken();
    const page = principal.page;
    if (pageId !== page.id && pageId !== 'me') throw needsPageToken();
    const app = { link: `https://chats.example/`, name: appName, id: appId };
    return subscribedAppsEdge(method, pageId, page, params, app, () => health.reset(page.id));
  }

  // ------------------------------------------------------------------------- Send API

  async function sendApi(page: FakeIgPage, params: Record<string, unknown>): Promise<Reply> {
    const recipient = params.recipient;
    if (!isObject(recipient)) throw invalidParam('The parameter recipient is required');
    const igsid = typeof recipient.id === 'string' ? recipient.id : typeof recipient.id === 'number' ? String(recipient.id) : undefined;
    const customer = igsid ? customers.get(igsid) : undefined;
    const igId = page.instagram?.id;
    if (!igsid || !customer || !igId || customer.igId !== igId || !customer.consent) {
      throw new GraphFault(400, 100, '(#100) No matching user found', { subcode: 2018001 });
    }
    const action = senderAction(params, SENDER_ACTIONS, igsid);
    if (action) return action;

    const message = params.message;
    if (!isObject(message)) throw invalidParam('The parameter message is required');
    // Instagram examples omit messaging_type; Meta treats that as a RESPONSE.
    const messagingType = messagingTypeParam(params.messaging_type ?? 'RESPONSE');
    const tag = params.tag;
    if (tag !== undefined && messagingType !== 'MESSAGE_TAG') throw invalidParam('Param tag can only be used with messaging_type MESSAGE_TAG');
    if (messagingType === 'MESSAGE_TAG' && typeof tag !== 'string') throw invalidParam('The parameter tag is required');
    if (messagingType === 'MESSAGE_TAG' && tag !== 'HUMAN_AGENT') throw invalidParam('Tag is not supported for Instagram');

    const text = message.text;
    const attachment = message.attachment;
    checkTextOrAttachment(text, attachment);
    if (typeof text === 'string' && [...text].length >= TEXT_LIMIT) {
      throw invalidParam(`Length of param message[text] must be less than ${TEXT_LIMIT}`);
    }
    if (attachment !== undefined) validateAttachment(attachment);
    const metadata = message.metadata;
    checkMetadata(metadata);

    const age = customer.lastInboundAt === undefined ? Infinity : clock.now() - customer.lastInboundAt;
    const limit = messagingType === 'MESSAGE_TAG' ? HUMAN_AGENT_WINDOW_MS : STANDARD_WINDOW_MS;
    if (age > limit) throw new GraphFault(400, 10, '(#10) This message is sent outside of allowed window.', { subcode: 2018278 });

    const file =
      options.fetchAttachmentUrls && isObject(attachment) && isObject(attachment.payload) && typeof attachment.payload.url === 'string'
        ? await downloadAttachment(String(attachment.type), attachment.payload.url)
        : undefined;

    const record: SentIgMessage = {
      file,
      pageId: page.id,
      igId,
      igsid,
      mid: newMid(igId),
      messagingType,
      tag: typeof tag === 'string' ? tag : undefined,
      text: typeof text === 'string' ? text : undefined,
      attachment: isObject(attachment) ? (attachment as SentIgMessage['attachment']) : undefined,
      metadata: typeof metadata === 'string' ? metadata : undefined,
      at: clock.now(),
    };
    sent.push(record);

    if (echoes && webhookUrl) {
      const content: Parameters<typeof echoEvent>[2] = { mid: record.mid, text: record.text };
      if (record.attachment) {
        const url = isObject(record.attachment.payload) && typeof record.attachment.payload.url === 'string' ? record.attachment.payload.url : cdnUrl();
        content.attachments = [{ type: record.attachment.type, payload: { url } }];
      }
      if (options.echoMetadata && record.metadata !== undefined) content.metadata = record.metadata;
      const delivery = track(emit([echoEvent(igId, igsid, content)]));
      if (options.echoTiming === 'before-response') await delivery;
    }
    return { status: 200, json: { recipient_id: igsid, message_id: record.mid } };
  }

  /** Meta fetching an attachment URL itself, then holding it to Instagram's types and sizes (B.3). */
  async function downloadAttachment(type: string, url: string): Promise<NonNullable<SentIgMessage['file']>> {
    const { response, bytes } = await fetchAttachment(url, life.signal);
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const rule = IG_MEDIA[type];
    // [UNCONFIRMED code] what Meta answers for a file Instagram does not take
    if (rule && (!rule.types.test(mimeType) || bytes.byteLength > rule.max)) {
      throw new GraphFault(400, 100, `(#100) Upload attachment failure. The ${type} must be ${rule.name}.`, { subcode: 2018047 });
    }
    return { mimeType, bytes };
  }

  function validateAttachment(attachment: unknown): void {
    if (!isObject(attachment) || typeof attachment.type !== 'string' || !ATTACHMENT_TYPES.has(attachment.type)) {
      throw invalidParam(`Param message[attachment][type] must be one of {${[...ATTACHMENT_TYPES].join(', ')}}`);
    }
    if (attachment.type === 'like_heart') return;
    const payload = attachment.payload;
    if (!isObject(payload)) throw invalidParam('The parameter message[attachment][payload] is required');
    if (attachment.type === 'template') return;
    const url = payload.url;
    if (payload.attachment_id === undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) {
      throw invalidParam('Param message[attachment][payload][url] must be a valid URL');
    }
  }

  // ------------------------------------------------------------------------- Webhooks

  function messageEvent(igsid: string, text: string | undefined, opts: CustomerWritesOptions = {}): FakeIgEvent {
    const customer = customerFor(igsid, opts.igId);
    const message: Record<string, unknown> = { mid: opts.mid ?? newMid(customer.igId) };
    if (text !== undefined && text !== '') message.text = text;
    if (opts.attachments?.length) {
      message.attachments = opts.attachments.map((a) => ('payload' in a ? a : { type: a.type, payload: { url: a.url ?? cdnUrl() } }));
    }
    if (opts.replyToMid !== undefined) message.reply_to = { mid: opts.replyToMid };
    return {
      igId: customer.igId,
      igsid,
      field: 'messages',
      event: { sender: { id: igsid }, recipient: { id: customer.igId }, timestamp: opts.timestamp ?? clock.now(), message },
    };
  }

  function seenEvent(igsid: string, mid: string, opts: { timestamp?: number } = {}): FakeIgEvent {
    const customer = customerFor(igsid);
    return {
      igId: customer.igId,
      igsid,
      field: 'messaging_seen',
      event: { sender: { id: igsid }, recipient: { id: customer.igId }, timestamp: opts.timestamp ?? clock.now(), read: { mid } },
    };
  }

  function unsendEvent(igsid: string, mid: string, opts: { timestamp?: number } = {}): FakeIgEvent {
    const customer = customerFor(igsid);
    return {
      igId: customer.igId,
      igsid,
      field: 'messages',
      event: { sender: { id: igsid }, recipient: { id: customer.igId }, timestamp: opts.timestamp ?? clock.now(), message: { mid, is_deleted: true } },
    };
  }

  function reactionEvent(igsid: string, mid: string, emoji: string | null = '❤️', opts: { timestamp?: number } = {}): FakeIgEvent {
    const customer = customerFor(igsid);
    const reaction = emoji === null ? { mid, action: 'unreact' } : { mid, action: 'react', reaction: emoji === '❤️' || emoji === '❤' ? 'love' : 'other', emoji };
    return {
      igId: customer.igId,
      igsid,
      field: 'message_reactions',
      event: { sender: { id: igsid }, recipient: { id: customer.igId }, timestamp: opts.timestamp ?? clock.now(), reaction },
    };
  }

  function echoEvent(
    igId: string,
    igsid: string,
    c: { mid: string; text?: string; attachments?: Array<Record<string, unknown>>; metadata?: string },
    timestamp = clock.now(),
  ): FakeIgEvent {
    const message: Record<string, unknown> = { mid: c.mid };
    if (c.text !== undefined) message.text = c.text;
    if (c.attachments) message.attachments = c.attachments;
    message.is_echo = true;
    if (c.metadata !== undefined) message.metadata = c.metadata;
    return { igId, igsid, field: 'messages', event: { sender: { id: igId }, recipient: { id: igsid }, timestamp, message } };
  }

  const events: FakeInstagramGraph['events'] = {
    message: messageEvent,
    seen: seenEvent,
    unsend: unsendEvent,
    reaction: (igsid, mid, emoji, opts) => reactionEvent(igsid, mid, emoji === undefined ? '❤️' : emoji, opts),
    echo: (igsid, content, opts = {}) => {
      const customer = customerFor(igsid);
      return echoEvent(customer.igId, igsid, { ...content, mid: content.mid ?? newMid(customer.igId) }, opts.timestamp ?? clock.now());
    },
    custom: (igsid, field, event) => ({ igId: customerFor(igsid).igId, igsid, field, event }),
  };

  function buildPayload(list: FakeIgEvent[]): Record<string, unknown> {
    const entry = groupEntries(
      list.map((e) => ({ id: e.igId, event: e.event })),
      clock.now,
    );
    return { object: 'instagram', entry };
  }

  async function emit(list: FakeIgEvent[], opts: IgEmitOptions = {}): Promise<IgWebhookDelivery> {
    // A customer's message opens the window and grants consent on Meta's side, whether or not we hear of it.
    for (const e of list) {
      const message = e.event.message;
      if (e.field !== 'messages' || !isObject(message) || message.is_echo || message.is_deleted) continue;
      const customer = customers.get(e.igsid);
      const at = Number(e.event.timestamp);
      if (customer && Number.isFinite(at)) {
        customer.consent = true;
        customer.lastInboundAt = Math.max(customer.lastInboundAt ?? -Infinity, at);
      }
    }
    const url = opts.webhookUrl ?? webhookUrl;
    const kept = list.filter((e) => webhookFields.has(e.field) && (pageOfIg(e.igId)?.subscribedFields.size ?? 0) > 0);
    const signed = signWebhook(url ?? '', buildPayload(kept), opts.appSecret ?? options.appSecret);
    const firstMessage = list.find((e) => isObject(e.event.message))?.event.message as Record<string, unknown> | undefined;
    const delivery: IgWebhookDelivery = {
      ...signed,
      events: kept,
      skipped: false,
      mid: typeof firstMessage?.mid === 'string' ? firstMessage.mid : undefined,
    };
    if (!url) {
      delivery.skipped = true;
      delivery.skipReason = 'no webhook URL is configured';
    } else if (kept.length === 0) {
      delivery.skipped = true;
      delivery.skipReason = list.some((e) => !webhookFields.has(e.field))
        ? 'the app is not subscribed to this webhook field'
        : "the app is not subscribed to the Instagram account's page (POST /{page-id}/subscribed_apps)";
    }
    return outbox.deliver(delivery, !delivery.skipped);
  }

  /** One `comments` change as its own signed webhook, inside `changes[]` or flat in the entry. */
  async function emitChange(igId: string, change: { field: string; value: Record<string, unknown> }, flat: boolean): Promise<IgWebhookDelivery> {
    const url = webhookUrl;
    const from = isObject(change.value.from) ? String(change.value.from.id) : '';
    const subscribed = webhookFields.has(change.field) && (pageOfIg(igId)?.subscribedFields.size ?? 0) > 0;
    const time = Math.floor(clock.now() / 1000);
    const entry = flat ? { id: igId, time, ...change } : { id: igId, time, changes: [change] };
    const delivery: IgWebhookDelivery = {
      ...signWebhook(url ?? '', { object: 'instagram', entry: [entry] }, options.appSecret),
      events: subscribed ? [{ igId, igsid: from, field: change.field, event: change.value }] : [],
      skipped: !url || !subscribed,
    };
    if (delivery.skipped) delivery.skipReason = !url ? 'no webhook URL is configured' : 'the app is not subscribed to comments for this account';
    return outbox.deliver(delivery, !delivery.skipped);
  }

  const comments = createCommentWorld({
    flavour: 'instagram',
    now: clock.now,
    nextId: () => nextId(17865799340000),
    deliver: (igId, change, opts) => track(emitChange(igId, change, opts.flat ?? false)),
  });

  // ------------------------------------------------------------------------- Server

  const server = await serveLocally(handle);
  const origin = server.origin;

  const firstLinked = pages.find((p) => p.instagram);

  const fail = graph.failNext;

  const fake: FakeInstagramGraph = {
    url: `${origin}/${version}`,
    origin,
    dialogUrl: `${origin}/${version}/dialog/oauth`,
    appId,
    appSecret: options.appSecret,
    appName,
    user,
    pages,
    page: pageFor(),
    // Tests of a world without Instagram may configure no linked page; `instagram` is then a placeholder.
    instagram: firstLinked?.instagram ?? { id: '', username: '', name: '', profilePictureUrl: '' },
    customers,
    codes,
    calls,
    sent,
    webhooks,
    clock,
    comments,
    addPage,
    addCustomer: (spec) => addCustomer({ consent: true, ...spec }),
    addCommenter: (igsid, username, opts = {}) => {
      const existing = customers.get(igsid);
      if (existing) return existing;
      return addCustomer({ igsid, username, igId: opts.igId, name: opts.name, consent: false });
    },
    subscribe: (pageId, fields = ['messages']) => {
      pageFor(pageId).subscribedFields = new Set(fields);
      health.reset(pageId);
    },
    unsubscribe: (pageId) => {
      pageFor(pageId).subscribedFields.clear();
    },
    expireToken: (pageId) => {
      pageFor(pageId).tokenExpired = true;
    },
    restoreToken: (pageId) => {
      pageFor(pageId).tokenExpired = false;
    },
    expireUserToken: () => {
      user.tokenExpired = true;
    },
    restoreUserToken: () => {
      user.tokenExpired = false;
    },
    fail,
    failNext: fail,
    clearFailures: graph.clearFailures,
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    setAutoApprove: (mode) => {
      autoApprove = mode;
    },
    setEchoes: (on) => {
      echoes = on;
    },
    events,
    emit: (list, opts) => track(emit(list, opts)),
    customerWrites: async (igsid, text, opts) => {
      const delivery = await track(emit([messageEvent(igsid, text, opts)]));
      return delivery as IgWebhookDelivery & { mid: string };
    },
    customerSees: (igsid, mid, opts) => track(emit([seenEvent(igsid, mid, opts)])),
    customerUnsends: (igsid, mid, opts) => track(emit([unsendEvent(igsid, mid, opts)])),
    customerReacts: (igsid, mid, emoji) => track(emit([reactionEvent(igsid, mid, emoji === undefined ? '❤️' : emoji)])),
    redeliver: (delivery) =>
      track(outbox.deliver({ ...delivery, attempts: [], ok: false, status: undefined, skipped: false, skipReason: undefined })),
    idle,
    stop: () => life.shutdown(server),
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function htmlError(status: number, title: string, detail: string): Reply {
  return {
    status,
    text: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Appends params to a redirect URI, keeping its own query; Facebook adds `#_=_` when it has no fragment. */
function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  if (!url.hash) url.hash = '_=_';
  return url.toString();
}

function withoutQuery(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.origin}${url.pathname}`;
  } catch {
    return uri;
  }
}

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

/** Parses Graph's field syntax, including nesting: `id,name,instagram_business_account{id,username}`. */
export function parseFields(param: string | undefined): FieldSpec[] | undefined {
  if (param === undefined || param.trim() === '') return undefined;
  let i = 0;
  const parseList = (): FieldSpec[] => {
    const list: FieldSpec[] = [];
    let name = '';
    const flush = (sub?: FieldSpec[]) => {
      const trimmed = name.trim();
      if (trimmed) list.push(sub ? { name: trimmed, sub } : { name: trimmed });
      else if (sub) throw invalidParam('Syntax error in the fields parameter');
      name = '';
    };
    while (i < param.length) {
      const ch = param[i++];
      if (ch === ',') flush();
      else if (ch === '{') {
        const sub = parseList();
        flush(sub);
        while (i < param.length && param[i] === ' ') i++;
        if (param[i] === ',') i++;
      } else if (ch === '}') {
        flush();
        return list;
      } else name += ch;
    }
    flush();
    return list;
  };
  return parseList();
}
