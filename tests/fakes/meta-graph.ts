/**
 * A fake of the parts of Meta's Graph API that the Messenger channel uses, plus Meta's webhook
 * sender, served over real HTTP on 127.0.0.1 (PLATFORMS.md A.8). It validates Send API bodies the
 * way Meta does, enforces the 24-hour / 7-day windows against a settable clock, emits signed
 * webhooks in Meta's escaped JSON, and can be scripted to fail.
 *
 *   const graph = await startFakeMetaGraph({ appSecret, webhookUrl: 'http://127.0.0.1:3000/webhooks/messenger' });
 *   await graph.customerWrites('6543210987650001', 'Hello!');        // signed POST, opens the 24 h window
 *   // point the app at graph.url with graph.page.token, let it reply; the echo follows the send
 *   graph.clock.advance(25 * 3600_000);                              // next RESPONSE gets 10/2018278
 *   graph.failNext('tokenExpired');                                  // next call answers 190
 *   await graph.deliver('6543210987650001'); await graph.read('6543210987650001');
 *   await graph.stop();
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeClock, createFakeLifecycle, isObject, isUpload, serveLocally, type UploadedFile } from './fake-utils';
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
  pick,
  senderAction,
  servePicture,
  subscribedAppsEdge,
  unsupported,
  withoutAuth,
  type GraphRecordedCall,
  type GraphReply,
  type MessagingScriptedFailure,
} from './graph-fake-kit';
import { createCommentWorld, type CommentWorld } from './meta-comments';
import { createDeliveryHealth, createWebhookOutbox, retryPolicy, signPayload, verifyWebhookUrl, type SignedBody, type WebhookAttempt, type WebhookSenderOptions } from './webhook-sender';

const HOUR = 60 * 60 * 1000;
const STANDARD_WINDOW_MS = 24 * HOUR;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
const TAGS = new Set(['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT']);
const SENDER_ACTIONS = new Set(['mark_seen', 'typing_on', 'typing_off', 'react', 'unreact']);
const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video', 'file', 'template']);
const PAGE_FIELDS = new Set(['id', 'name', 'category', 'link', 'picture', 'access_token']);
const USER_FIELDS = new Set(['id', 'name', 'first_name', 'last_name', 'profile_pic', 'locale', 'timezone', 'gender']);
/** A real 1x1 PNG: the picture behind every `profile_pic` this fake hands out. */
export const FAKE_PROFILE_PNG = FAKE_PNG;
export const ALL_MESSAGING_FIELDS = [
  'messages',
  'message_echoes',
  'message_reads',
  'message_deliveries',
  'messaging_postbacks',
] as const;

// ---------------------------------------------------------------------------------------------
// Public types

export interface FakePage {
  id: string;
  name: string;
  token: string;
  /** Webhook fields the app is subscribed to on this page; events of other fields are not sent. */
  subscribedFields: Set<string>;
  /** A revoked/expired token answers 190 until `restoreToken`. */
  tokenExpired: boolean;
}

/** How the profile endpoint treats a PSID: `public`, or one of the privacy answers Meta gives. */
export type ProfilePrivacy = 'public' | 'empty' | 'no-profile' | 'unsupported';

export interface FakeCustomer {
  psid: string;
  pageId: string;
  firstName: string;
  lastName: string;
  /** Defaults to this fake's own origin (`/platform/profilepic/?psid=…`, as on platform-lookaside.fbsbx.com), which serves a PNG. */
  profilePic: string;
  privacy: ProfilePrivacy;
  /** Fake-clock ms of the customer's last message/postback; opens the messaging window. */
  lastInboundAt?: number;
}

/** A Graph call as it arrived (uploads summarised as `{ fileName, mimeType, size }`) and how it was answered. */
export type RecordedCall = GraphRecordedCall;

export interface SentMessage {
  pageId: string;
  psid: string;
  mid: string;
  messagingType: string;
  tag?: string;
  text?: string;
  attachment?: { type: string; payload: Record<string, unknown> };
  /** The file itself: uploaded as `filedata`, or downloaded from `payload.url` (fetchAttachmentUrls). */
  file?: { source: 'upload' | 'url'; fileName?: string; mimeType?: string; bytes: Uint8Array };
  metadata?: string;
  at: number;
  delivered: boolean;
}

export type ScriptedFailure = MessagingScriptedFailure;

/** Ready-made failures for `failNext`, with Meta's codes and wording. */
export const fakeGraphErrors = {
  tokenExpired: graphErrors.tokenExpired,
  tokenInvalid: graphErrors.tokenInvalid,
  userUnavailable: {
    status: 400,
    code: 551,
    subcode: 1545041,
    type: 'OAuthException',
    message: "(#551) This person isn't available right now.",
  },
  rateLimitApp: { status: 400, code: 4, type: 'OAuthException', isTransient: true, message: '(#4) Application request limit reached' },
  rateLimitCalls: graphErrors.rateLimitCalls,
  unexpected: graphErrors.unexpected,
  sendFailure: {
    status: 400,
    code: 1200,
    type: 'OAuthException',
    message: '(#1200) Temporary send message failure. Please try again later',
  },
  serverError: graphErrors.serverError,
  badGateway: graphErrors.badGateway,
  policyBlocked: {
    status: 400,
    code: 368,
    type: 'OAuthException',
    message: '(#368) The action attempted has been deemed abusive or is otherwise disallowed',
  },
} satisfies Record<string, ScriptedFailure>;

export type FakeGraphErrorName = keyof typeof fakeGraphErrors;

/** One event ready to go into a webhook POST. Build with `fake.events.*`, send with `fake.emit`. */
export interface FakeEvent {
  pageId: string;
  psid: string;
  /** The webhook field the event belongs to; unsubscribed fields are dropped. */
  field: string;
  /** Put into `entry[].standby[]` instead of `messaging[]` (handover protocol). */
  standby?: boolean;
  event: Record<string, unknown>;
}

export type { WebhookAttempt };

/** A webhook POST: its exact bytes (Meta-escaped JSON, ASCII only) and signatures, the events in it, its attempts. */
export interface WebhookDelivery extends SignedBody {
  url?: string;
  events: FakeEvent[];
  attempts: WebhookAttempt[];
  /** True once an attempt got a 200. */
  ok: boolean;
  /** True when nothing was sent: every event was for an unsubscribed field or page. */
  skipped: boolean;
}

export interface FakeMessageContent {
  text?: string;
  /** Meta-shaped attachments, e.g. `{ type: 'image', payload: { url } }` or a fallback with `URL`. */
  attachments?: Array<Record<string, unknown>>;
  mid?: string;
  quickReplyPayload?: string;
  replyToMid?: string;
}

export interface EventOptions {
  pageId?: string;
  /** Fake-clock ms; defaults to now. */
  timestamp?: number;
  standby?: boolean;
}

export interface EmitOptions {
  /** One entry per event even when events share a page (Meta does both). */
  separateEntries?: boolean;
  /** Sign with this secret instead, to test signature rejection. */
  appSecret?: string;
  webhookUrl?: string;
}

export interface FakeMetaGraphOptions extends WebhookSenderOptions {
  appSecret: string;
  /** Where webhooks are POSTed; echoes are only generated when one is set. */
  webhookUrl?: string;
  appId?: string;
  /** Version in `url`; any `/vX.Y` prefix is accepted on requests. */
  version?: string;
  /** Pages to know; one default page is created when omitted. */
  pages?: Array<Partial<Pick<FakePage, 'id' | 'name' | 'token'>> & { subscribed?: boolean }>;
  /** A fixed fake-clock time (ms or Date) that only set/advance move; without it the clock follows real time. */
  now?: number | Date;
  /** Emit an echo webhook per successful send (default true). */
  echoes?: boolean;
  /**
   * `after-response` (default) or `before-response`: Meta's echo can beat the Send API answer,
   * and code that only expects one order breaks on the other.
   */
  echoTiming?: 'after-response' | 'before-response';
  /** Reject calls without `appsecret_proof`, as an app with "Require App Secret" does. */
  requireAppSecretProof?: boolean;
  /** Unsubscribe a page from all fields after this many consecutive failed deliveries. */
  unsubscribeAfterFailures?: number;
  /**
   * Download `payload.url` attachments the way Meta does, recording the bytes on the sent message;
   * a URL that does not answer 200 fails the send (100/2018008 [UNCONFIRMED code]). Off by default
   * so tests can send made-up URLs without a network.
   */
  fetchAttachmentUrls?: boolean;
}

export interface FakeMetaGraph {
  /** Graph base including the version, e.g. `http://127.0.0.1:PORT/v24.0`. */
  url: string;
  origin: string;
  appId: string;
  appSecret: string;
  pages: Map<string, FakePage>;
  /** The first page, for single-page tests. */
  page: FakePage;
  customers: Map<string, FakeCustomer>;
  calls: RecordedCall[];
  sent: SentMessage[];
  webhooks: WebhookDelivery[];
  clock: { now(): number; set(time: number | Date): void; advance(ms: number): void };
  /** The pages' posts and comments (PLATFORMS.md C.4): comments arrive as `feed` changes once a page is subscribed to `feed`. */
  comments: CommentWorld;

  addPage(page?: Partial<Pick<FakePage, 'id' | 'name' | 'token'>> & { subscribed?: boolean }): FakePage;
  addCustomer(customer?: Partial<FakeCustomer>): FakeCustomer;
  setPrivate(psid: string, privacy?: Exclude<ProfilePrivacy, 'public'>): void;
  expireToken(pageId?: string): void;
  restoreToken(pageId?: string): void;
  failNext(failure: ScriptedFailure | FakeGraphErrorName, times?: number): void;
  clearFailures(): void;
  setEchoes(on: boolean): void;
  setWebhookUrl(url: string | undefined): void;

  events: {
    message(psid: string, content: string | FakeMessageContent, options?: EventOptions): FakeEvent;
    postback(psid: string, postback: { title: string; payload?: string; mid?: string | null }, options?: EventOptions): FakeEvent;
    delivery(psid: string, options?: { mids?: string[]; watermark?: number; pageId?: string }): FakeEvent;
    read(psid: string, options?: { watermark?: number; pageId?: string; timestamp?: number }): FakeEvent;
    /** A message sent from somewhere else (the Page inbox, another app), arriving as an echo. */
    echo(psid: string, content: FakeMessageContent & { appId?: string | null; metadata?: string }, options?: EventOptions): FakeEvent;
    /** Any other event shape (reactions, referrals...) for a field. */
    custom(psid: string, field: string, event: Record<string, unknown>, options?: { pageId?: string; standby?: boolean }): FakeEvent;
  };
  /** POSTs one signed webhook holding all events (grouped into entries per page). */
  emit(events: FakeEvent[], options?: EmitOptions): Promise<WebhookDelivery>;
  customerWrites(psid: string, content: string | FakeMessageContent, options?: EventOptions): Promise<WebhookDelivery>;
  postback(psid: string, postback: { title: string; payload?: string; mid?: string | null }, options?: EventOptions): Promise<WebhookDelivery>;
  /** Delivery receipt; defaults to every not-yet-delivered send to that PSID, watermark now. */
  deliver(psid: string, options?: { mids?: string[]; watermark?: number; pageId?: string }): Promise<WebhookDelivery>;
  /** Read receipt with a watermark (default now). */
  read(psid: string, options?: { watermark?: number; pageId?: string; timestamp?: number }): Promise<WebhookDelivery>;
  /** Sends an earlier delivery's exact bytes and signature again (at-least-once delivery). */
  redeliver(delivery: WebhookDelivery): Promise<WebhookDelivery>;
  /** Performs Meta's GET handshake against the webhook URL. */
  verifyWebhook(verifyToken: string, options?: { webhookUrl?: string }): Promise<{ ok: boolean; status: number; body: string; challenge: string }>;
  /** Resolves once every webhook in flight (echoes included) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation

type Reply = GraphReply;

export async function startFakeMetaGraph(options: FakeMetaGraphOptions): Promise<FakeMetaGraph> {
  const appId = options.appId ?? '1517776481860111';
  const version = options.version ?? 'v24.0';
  const pages = new Map<string, FakePage>();
  const customers = new Map<string, FakeCustomer>();
  const sent: SentMessage[] = [];
  const webhooks: WebhookDelivery[] = [];
  const life = createFakeLifecycle();
  const { track, idle } = life;
  // Without `now` the clock runs with real time (shifted by set/advance), as Meta's does; with
  // `now` it stands still, so window edges can be hit to the millisecond.
  const clock = createFakeClock(options.now);
  const graph = createGraphKit<ScriptedFailure, FakeGraphErrorName>({
    presets: fakeGraphErrors,
    signal: life.signal,
    clock,
    bodies: { multipart: true, form: true },
    describeUploads: true,
    textTypeWins: true,
  });
  const { calls } = graph;
  const health = createDeliveryHealth(options.unsubscribeAfterFailures, (pageId) => pages.get(pageId)?.subscribedFields.clear());
  // Meta wants exactly 200; anything else counts as a failure and is retried, after the same delay
  // each time. A retry whose wait `stop()` cuts short is still made (and fails as aborted).
  const outbox = createWebhookOutbox(
    webhooks,
    retryPolicy(options, life.signal, { backoff: 1, attemptAfterAbortedWait: true, recordStatus: false }),
    (delivery) => health.note(new Set(delivery.events.map((e) => e.pageId)), delivery.ok),
  );
  let echoes = options.echoes ?? true;
  let webhookUrl = options.webhookUrl;
  let idCounter = 0;

  const nextId = (base: number) => String(base + ++idCounter);
  const newMid = () => `m_${randomBytes(24).toString('base64url')}`;

  function addPage(spec: Partial<Pick<FakePage, 'id' | 'name' | 'token'>> & { subscribed?: boolean } = {}): FakePage {
    const id = spec.id ?? nextId(107538155270000);
    const page: FakePage = {
      id,
      name: spec.name ?? `Fake Page ${id}`,
      token: spec.token ?? `EAAFakePageToken${id}${randomBytes(6).toString('hex')}`,
      subscribedFields: new Set(spec.subscribed === false ? [] : ALL_MESSAGING_FIELDS),
      tokenExpired: false,
    };
    pages.set(id, page);
    return page;
  }

  function pageFor(pageId?: string): FakePage {
    const page = pageId === undefined ? pages.values().next().value : pages.get(pageId);
    if (!page) throw new Error(`fake meta graph: unknown page ${pageId ?? '(none configured)'}`);
    return page;
  }

  function addCustomer(spec: Partial<FakeCustomer> = {}): FakeCustomer {
    const psid = spec.psid ?? nextId(6543210987650000);
    const customer: FakeCustomer = {
      psid,
      pageId: pageFor(spec.pageId).id,
      firstName: spec.firstName ?? 'Peter',
      lastName: spec.lastName ?? 'Chang',
      profilePic: spec.profilePic ?? `${origin}/platform/profilepic/?psid=${psid}&height=200&ext=1&hash=AbC`,
      privacy: spec.privacy ?? 'public',
      lastInboundAt: spec.lastInboundAt,
    };
    customers.set(psid, customer);
    return customer;
  }

  function customerFor(psid: string, pageId?: string): FakeCustomer {
    return customers.get(psid) ?? addCustomer({ psid, pageId });
  }

  for (const spec of options.pages ?? [{}]) addPage(spec);

  // ------------------------------------------------------------------------- HTTP: Graph API

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { request, call } = await graph.receive(req);
    const { method, path, query, body, token } = request;

    // the CDN behind `profile_pic` links: no token, only the picture of a known PSID
    if (method === 'GET' && request.url.pathname === '/platform/profilepic/') {
      return servePicture(res, call, customers.has(query.psid ?? ''), FAKE_PROFILE_PNG);
    }
    // the CDN behind a post's `full_picture` (`postPictureUrl`): a PNG for a known post
    if (method === 'GET' && request.url.pathname === '/platform/postpic/') {
      return servePicture(res, call, comments.posts.has(query.post ?? ''), FAKE_PROFILE_PNG);
    }
    graph.finish(res, call, await graph.answer(request, () => route(method, path, query, body, token)));
  }

  async function route(method: string, path: string, query: Record<string, string>, body: unknown, token?: string): Promise<Reply> {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const page = authenticate(token, query.appsecret_proof);
    const params = { ...withoutAuth(query), ...(isObject(body) ? body : {}) };

    if (segments.length === 2 && segments[1] === 'messages' && method === 'POST') {
      if (segments[0] !== 'me' && segments[0] !== page.id) throw unsupported(method, segments[0]);
      if (isObject(params.recipient) && params.recipient.comment_id !== undefined) return comments.privateReply(page, params);
      return sendApi(page, params);
    }
    const commentReply = comments.route(method, segments, params, page);
    if (commentReply) return commentReply;
    if (segments.length === 2 && segments[1] === 'subscribed_apps') {
      return subscribedApps(method, page, segments[0], params);
    }
    if (segments.length === 1 && method === 'GET') {
      return readNode(page, segments[0], params.fields);
    }
    if (segments.length === 0) throw unsupported(method, '');
    throw new GraphFault(400, 2500, `Unknown path components: /${segments.slice(1).join('/')}`);
  }

  function authenticate(token: string | undefined, proof: string | undefined): FakePage {
    if (!token) throw new GraphFault(400, 104, 'An access token is required to request this resource.');
    const page = [...pages.values()].find((p) => p.token === token);
    if (!page) throw new GraphFault(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (proof !== undefined && proof !== createHmac('sha256', options.appSecret).update(token).digest('hex')) {
      throw new GraphFault(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
    }
    if (proof === undefined && options.requireAppSecretProof) {
      throw new GraphFault(400, 100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' });
    }
    if (page.tokenExpired) throw new GraphFault(400, 190, fakeGraphErrors.tokenExpired.message, { subcode: 463 });
    return page;
  }

  async function sendApi(page: FakePage, params: Record<string, unknown>): Promise<Reply> {
    const recipient = params.recipient;
    if (!isObject(recipient)) throw invalidParam('The parameter recipient is required');
    const psid = typeof recipient.id === 'string' ? recipient.id : undefined;
    const customer = psid ? customers.get(psid) : undefined;
    if (!psid || !customer || customer.pageId !== page.id) {
      throw new GraphFault(400, 100, '(#100) No matching user found', { subcode: 2018001 });
    }
    const action = senderAction(params, SENDER_ACTIONS, psid);
    if (action) return action;

    const message = params.message;
    if (!isObject(message)) throw invalidParam('The parameter message is required');
    const messagingType = messagingTypeParam(params.messaging_type);
    const tag = params.tag;
    if (tag !== undefined && messagingType !== 'MESSAGE_TAG') {
      throw invalidParam('Param tag can only be used with messaging_type MESSAGE_TAG');
    }
    if (messagingType === 'MESSAGE_TAG' && (typeof tag !== 'string' || !TAGS.has(tag))) {
      throw invalidParam(`Param tag must be one of {${[...TAGS].join(', ')}}`);
    }

    const text = message.text;
    const attachment = message.attachment;
    checkTextOrAttachment(text, attachment);
    if (typeof text === 'string' && [...text].length > 1999) throw invalidParam('Param message[text] must be less than 2000 characters');
    const upload = params.filedata;
    if (upload !== undefined && !isUpload(upload)) throw invalidParam('Param filedata must be a file upload');
    if (upload !== undefined && attachment === undefined) throw invalidParam('Param filedata can only be used with message[attachment]');
    if (attachment !== undefined) validateAttachment(attachment, isUpload(upload) ? upload : undefined);
    const metadata = message.metadata;
    checkMetadata(metadata);

    const age = customer.lastInboundAt === undefined ? Infinity : clock.now() - customer.lastInboundAt;
    const limit = messagingType === 'MESSAGE_TAG' ? (tag === 'HUMAN_AGENT' ? HUMAN_AGENT_WINDOW_MS : Infinity) : STANDARD_WINDOW_MS;
    if (age > limit) {
      throw new GraphFault(
        400,
        10,
        '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
        { subcode: 2018278 },
      );
    }

    let file: SentMessage['file'];
    if (isUpload(upload)) file = { source: 'upload', fileName: upload.fileName, mimeType: upload.mimeType, bytes: upload.bytes };
    else if (isObject(attachment) && isObject(attachment.payload) && typeof attachment.payload.url === 'string' && options.fetchAttachmentUrls) {
      file = { source: 'url', ...(await downloadAttachment(attachment.payload.url)) };
    }

    const record: SentMessage = {
      pageId: page.id,
      psid,
      mid: newMid(),
      file,
      messagingType,
      tag: typeof tag === 'string' ? tag : undefined,
      text: typeof text === 'string' ? text : undefined,
      attachment: isObject(attachment) ? (attachment as SentMessage['attachment']) : undefined,
      metadata: typeof metadata === 'string' ? metadata : undefined,
      at: clock.now(),
      delivered: false,
    };
    sent.push(record);

    if (echoes && webhookUrl) {
      const delivery = track(emit([echoEvent(page.id, psid, record.mid, { text: record.text, attachment: record.attachment, metadata: record.metadata, appId })]));
      if (options.echoTiming === 'before-response') await delivery;
    }
    return { status: 200, json: { recipient_id: psid, message_id: record.mid } };
  }

  function validateAttachment(attachment: unknown, upload?: UploadedFile): void {
    if (!isObject(attachment) || typeof attachment.type !== 'string' || !ATTACHMENT_TYPES.has(attachment.type)) {
      throw invalidParam(`Param message[attachment][type] must be one of {${[...ATTACHMENT_TYPES].join(', ')}}`);
    }
    const payload = attachment.payload;
    if (!isObject(payload)) throw invalidParam('The parameter message[attachment][payload] is required');
    if (attachment.type === 'template') return;
    const url = payload.url;
    if (upload) {
      // "upload from file": the bytes come as `filedata`, the payload names no other source
      if (url !== undefined || payload.attachment_id !== undefined) {
        throw invalidParam('Only one of message[attachment][payload][url], [attachment_id] or filedata can be specified');
      }
      if (upload.bytes.byteLength === 0) throw invalidParam('Param filedata must not be empty');
      if (upload.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw uploadFailure();
      return;
    }
    if (payload.attachment_id === undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) {
      throw invalidParam('Param message[attachment][payload][url] must be a valid URL');
    }
  }

  /** Meta fetching an attachment URL itself; only 200 with a body counts. */
  async function downloadAttachment(url: string): Promise<{ mimeType?: string; bytes: Uint8Array }> {
    const { response, bytes } = await fetchAttachment(url, life.signal);
    if (bytes.byteLength > ATTACHMENT_MAX_BYTES) throw uploadFailure();
    return { mimeType: response.headers.get('content-type') ?? undefined, bytes };
  }

  function subscribedApps(method: string, page: FakePage, pageId: string, params: Record<string, unknown>): Reply {
    if (pageId !== page.id) {
      throw new GraphFault(400, 210, '(#210) This call requires a Page access token.');
    }
    return subscribedAppsEdge(method, pageId, page, params, { name: 'Fake App', id: appId }, () => health.reset(page.id));
  }

  function readNode(page: FakePage, id: string, fieldsParam: unknown): Reply {
    const fields = typeof fieldsParam === 'string' && fieldsParam ? fieldsParam.split(',').map((f) => f.trim()) : undefined;
    const target = id === 'me' ? page : pages.get(id);
    if (target) {
      requireKnownFields(fields, PAGE_FIELDS, 'Page');
      return { status: 200, json: pick({ id: target.id, name: target.name }, fields ?? ['name', 'id']) };
    }
    const post = comments.readPost(page.id, id, fields);
    if (post) return post;
    const customer = customers.get(id);
    if (!customer || customer.pageId !== page.id) throw unsupported('GET', id);
    requireKnownFields(fields, USER_FIELDS, 'User');
    switch (customer.privacy) {
      case 'empty':
        return { status: 200, json: {} };
      case 'no-profile':
        throw new GraphFault(400, 100, 'No profile available for this user.', { subcode: 2018218 });
      case 'unsupported':
        throw unsupported('GET', id);
    }
    const profile = {
      id: customer.psid,
      first_name: customer.firstName,
      last_name: customer.lastName,
      name: `${customer.firstName} ${customer.lastName}`.trim(),
      profile_pic: customer.profilePic,
    };
    return { status: 200, json: pick(profile, fields ?? ['first_name', 'last_name', 'profile_pic', 'id']) };
  }

  // ------------------------------------------------------------------------- Webhooks

  function messageEvent(psid: string, content: string | FakeMessageContent, opts: EventOptions = {}): FakeEvent {
    const customer = customerFor(psid, opts.pageId);
    const c = typeof content === 'string' ? { text: content } : content;
    const message: Record<string, unknown> = { mid: c.mid ?? newMid() };
    if (c.text !== undefined) message.text = c.text;
    if (c.attachments) message.attachments = c.attachments;
    if (c.quickReplyPayload !== undefined) message.quick_reply = { payload: c.quickReplyPayload };
    if (c.replyToMid !== undefined) message.reply_to = { mid: c.replyToMid };
    return {
      pageId: customer.pageId,
      psid,
      field: 'messages',
      standby: opts.standby,
      event: { sender: { id: psid }, recipient: { id: customer.pageId }, timestamp: opts.timestamp ?? clock.now(), message },
    };
  }

  function postbackEvent(psid: string, pb: { title: string; payload?: string; mid?: string | null }, opts: EventOptions = {}): FakeEvent {
    const customer = customerFor(psid, opts.pageId);
    const postback: Record<string, unknown> = {};
    if (pb.mid !== null) postback.mid = pb.mid ?? newMid();
    postback.title = pb.title;
    postback.payload = pb.payload ?? pb.title.toUpperCase().replace(/\W+/g, '_');
    return {
      pageId: customer.pageId,
      psid,
      field: 'messaging_postbacks',
      standby: opts.standby,
      event: { sender: { id: psid }, recipient: { id: customer.pageId }, timestamp: opts.timestamp ?? clock.now(), postback },
    };
  }

  function deliveryEvent(psid: string, opts: { mids?: string[]; watermark?: number; pageId?: string } = {}): FakeEvent {
    const customer = customerFor(psid, opts.pageId);
    const undelivered = sent.filter((s) => s.psid === psid && !s.delivered);
    const mids = opts.mids ?? undelivered.map((s) => s.mid);
    for (const s of sent) if (s.psid === psid && mids.includes(s.mid)) s.delivered = true;
    return {
      pageId: customer.pageId,
      psid,
      field: 'message_deliveries',
      event: { sender: { id: psid }, recipient: { id: customer.pageId }, delivery: { mids, watermark: opts.watermark ?? clock.now() } },
    };
  }

  function readEvent(psid: string, opts: { watermark?: number; pageId?: string; timestamp?: number } = {}): FakeEvent {
    const customer = customerFor(psid, opts.pageId);
    return {
      pageId: customer.pageId,
      psid,
      field: 'message_reads',
      event: {
        sender: { id: psid },
        recipient: { id: customer.pageId },
        timestamp: opts.timestamp ?? clock.now(),
        read: { watermark: opts.watermark ?? clock.now() },
      },
    };
  }

  function echoEvent(
    pageId: string,
    psid: string,
    mid: string,
    c: { text?: string; attachment?: { type: string; payload: Record<string, unknown> }; attachments?: Array<Record<string, unknown>>; metadata?: string; appId?: string | null },
    timestamp = clock.now(),
  ): FakeEvent {
    const message: Record<string, unknown> = { is_echo: true };
    // Meta sends app_id as a JSON number.
    if (c.appId) message.app_id = Number(c.appId);
    if (c.metadata !== undefined) message.metadata = c.metadata;
    message.mid = mid;
    if (c.text !== undefined) message.text = c.text;
    // an uploaded file comes back on Meta's CDN
    const attachments = c.attachments ?? (c.attachment ? [{ type: c.attachment.type, payload: { url: c.attachment.payload.url ?? `https://cdn.fbsbx.com/v/t59.2708-21/${mid}` } }] : undefined);
    if (attachments) message.attachments = attachments;
    return { pageId, psid, field: 'message_echoes', event: { sender: { id: pageId }, recipient: { id: psid }, timestamp, message } };
  }

  const events: FakeMetaGraph['events'] = {
    message: messageEvent,
    postback: postbackEvent,
    delivery: deliveryEvent,
    read: readEvent,
    echo: (psid, content, opts = {}) => {
      const customer = customerFor(psid, opts.pageId);
      const e = echoEvent(customer.pageId, psid, content.mid ?? newMid(), content, opts.timestamp ?? clock.now());
      return { ...e, standby: opts.standby };
    },
    custom: (psid, field, event, opts = {}) => {
      const customer = customerFor(psid, opts.pageId);
      return { pageId: customer.pageId, psid, field, standby: opts.standby, event };
    },
  };

  function buildPayload(list: FakeEvent[], separateEntries: boolean): Record<string, unknown> {
    const entry = groupEntries(
      list.map((e) => ({ id: e.pageId, standby: e.standby, event: e.event })),
      clock.now,
      separateEntries,
    );
    return { object: 'page', entry };
  }

  async function emit(list: FakeEvent[], opts: EmitOptions = {}): Promise<WebhookDelivery> {
    const url = opts.webhookUrl ?? webhookUrl;
    if (!url) throw new Error('fake meta graph: no webhookUrl configured');
    // A customer's message or postback opens the window on Meta's side whether or not we hear of it.
    for (const e of list) {
      if (e.field === 'messages' || e.field === 'messaging_postbacks') {
        const customer = customers.get(e.psid);
        const at = Number(e.event.timestamp);
        if (customer && Number.isFinite(at)) customer.lastInboundAt = Math.max(customer.lastInboundAt ?? -Infinity, at);
      }
    }
    const kept = list.filter((e) => pages.get(e.pageId)?.subscribedFields.has(e.field));
    const delivery: WebhookDelivery = {
      url,
      ...signPayload(buildPayload(kept, opts.separateEntries ?? false), opts.appSecret ?? options.appSecret),
      events: kept,
      attempts: [],
      ok: false,
      skipped: kept.length === 0,
    };
    return outbox.deliver(delivery, !delivery.skipped);
  }

  /** One `feed` change as its own signed webhook, if the page is subscribed to `feed`. */
  async function emitChange(pageId: string, change: { field: string; value: Record<string, unknown> }): Promise<WebhookDelivery | undefined> {
    if (!webhookUrl) return undefined;
    const from = isObject(change.value.from) ? String(change.value.from.id) : '';
    const events: FakeEvent[] = pages.get(pageId)?.subscribedFields.has(change.field) ? [{ pageId, psid: from, field: change.field, event: change.value }] : [];
    const payload = { object: 'page', entry: [{ id: pageId, time: Math.floor(clock.now() / 1000), changes: [change] }] };
    const delivery: WebhookDelivery = { url: webhookUrl, ...signPayload(payload, options.appSecret), events, attempts: [], ok: false, skipped: events.length === 0 };
    return outbox.deliver(delivery, !delivery.skipped);
  }

  const comments = createCommentWorld({
    flavour: 'facebook',
    now: clock.now,
    nextId: () => nextId(1213590066980000),
    deliver: (pageId, change) => track(emitChange(pageId, change)),
  });

  // ------------------------------------------------------------------------- Server

  const server = await serveLocally(handle);
  const origin = server.origin;

  const fake: FakeMetaGraph = {
    url: `${origin}/${version}`,
    origin,
    appId,
    appSecret: options.appSecret,
    pages,
    page: pageFor(),
    customers,
    calls,
    sent,
    webhooks,
    clock,
    comments,
    addPage,
    addCustomer,
    setPrivate: (psid, privacy = 'no-profile') => {
      customerFor(psid).privacy = privacy;
    },
    expireToken: (pageId) => {
      pageFor(pageId).tokenExpired = true;
    },
    restoreToken: (pageId) => {
      pageFor(pageId).tokenExpired = false;
    },
    failNext: graph.failNext,
    clearFailures: graph.clearFailures,
    setEchoes: (on) => {
      echoes = on;
    },
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    events,
    emit: (list, opts) => track(emit(list, opts)),
    customerWrites: (psid, content, opts) => track(emit([messageEvent(psid, content, opts)])),
    postback: (psid, pb, opts) => track(emit([postbackEvent(psid, pb, opts)])),
    deliver: (psid, opts) => track(emit([deliveryEvent(psid, opts)])),
    read: (psid, opts) => track(emit([readEvent(psid, opts)])),
    redeliver: (delivery) => track(outbox.deliver({ ...delivery, attempts: [], ok: false, skipped: false })),
    verifyWebhook: (verifyToken, opts = {}) =>
      verifyWebhookUrl(opts.webhookUrl ?? webhookUrl, verifyToken, { timeoutMs: options.webhookTimeoutMs, who: 'fake meta graph' }),
    idle,
    stop: () => life.shutdown(server),
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Meta takes attachments of up to 25 MB (PLATFORMS.md A.4). */
const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
const uploadFailure = () => new GraphFault(400, 100, '(#100) Upload attachment failure.', { subcode: 2018047 });

function requireKnownFields(fields: string[] | undefined, known: Set<string>, nodeType: string): void {
  const unknown = fields?.find((f) => !known.has(f));
  if (unknown !== undefined) throw invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (${nodeType})`);
}
