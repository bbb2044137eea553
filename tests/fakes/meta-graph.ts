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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { signMetaBody } from '../../channels/meta/signature';
import { isObject, sleep } from './fake-utils';

const HOUR = 60 * 60 * 1000;
const STANDARD_WINDOW_MS = 24 * HOUR;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;
const MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);
const TAGS = new Set(['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT']);
const SENDER_ACTIONS = new Set(['mark_seen', 'typing_on', 'typing_off', 'react', 'unreact']);
const ATTACHMENT_TYPES = new Set(['image', 'audio', 'video', 'file', 'template']);
const PAGE_FIELDS = new Set(['id', 'name', 'category', 'link', 'picture', 'access_token']);
const USER_FIELDS = new Set(['id', 'name', 'first_name', 'last_name', 'profile_pic', 'locale', 'timezone', 'gender']);
/** A real 1x1 PNG: the picture behind every `profile_pic` this fake hands out. */
export const FAKE_PROFILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
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

export interface RecordedCall {
  method: string;
  /** Path without the version prefix, e.g. `/me/messages`. */
  path: string;
  version?: string;
  query: Record<string, string>;
  /** Parsed JSON / form body; undefined for an empty body, the raw text if it wasn't parseable. */
  body: unknown;
  token?: string;
  status: number;
  response: unknown;
  /** Fake-clock ms when the call arrived. */
  at: number;
}

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

export interface ScriptedFailure {
  /** Graph error code; with `subcode`, `message` and `type` it makes the standard error envelope. */
  code?: number;
  subcode?: number;
  status?: number;
  message?: string;
  type?: string;
  isTransient?: boolean;
  /** Answer this text verbatim instead of a Graph envelope (gateway HTML, empty bodies...). */
  rawBody?: string;
  retryAfterSeconds?: number;
  /**
   * Wait before answering. Alone it makes a slow but successful call (the request still takes
   * effect, as a timed-out real send may); with a code or rawBody it delays the failure.
   */
  delayMs?: number;
  /** Only calls matching this are affected; by default every call is. */
  match?: { method?: string; path?: string | RegExp };
}

/** Ready-made failures for `failNext`, with Meta's codes and wording. */
export const fakeGraphErrors = {
  tokenExpired: {
    status: 400,
    code: 190,
    subcode: 463,
    type: 'OAuthException',
    message: 'Error validating access token: Session has expired on Friday, 12-Jun-26 10:00:00 PDT.',
  },
  tokenInvalid: { status: 400, code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' },
  userUnavailable: {
    status: 400,
    code: 551,
    subcode: 1545041,
    type: 'OAuthException',
    message: "(#551) This person isn't available right now.",
  },
  rateLimitApp: { status: 400, code: 4, type: 'OAuthException', isTransient: true, message: '(#4) Application request limit reached' },
  rateLimitCalls: {
    status: 400,
    code: 613,
    type: 'OAuthException',
    message: '(#613) Calls to this api have exceeded the rate limit.',
  },
  unexpected: {
    status: 500,
    code: 2,
    type: 'OAuthException',
    isTransient: true,
    message: 'An unexpected error has occurred. Please retry your request later.',
  },
  sendFailure: {
    status: 400,
    code: 1200,
    type: 'OAuthException',
    message: '(#1200) Temporary send message failure. Please try again later',
  },
  serverError: { status: 500, rawBody: '' },
  badGateway: { status: 502, rawBody: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
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

export interface WebhookAttempt {
  status?: number;
  error?: string;
  durationMs: number;
}

export interface WebhookDelivery {
  url?: string;
  /** The exact bytes sent (Meta-escaped JSON, ASCII only). */
  body: string;
  /** The X-Hub-Signature-256 value sent with it. */
  signature: string;
  /** The legacy X-Hub-Signature (HMAC-SHA1) value sent with it. */
  legacySignature: string;
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

export interface FakeMetaGraphOptions {
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
  /** Attempts per webhook delivery (Meta retries non-200 answers with the same bytes). Default 3. */
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  /** Meta gives up on a webhook call after 20 s. */
  webhookTimeoutMs?: number;
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

class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly subcode?: number,
    readonly type = 'OAuthException',
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const unsupported = (method: string, id: string) =>
  new GraphFault(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
    'GraphMethodException',
  );

const invalidParam = (message: string) => new GraphFault(400, 100, `(#100) ${message}`);

export async function startFakeMetaGraph(options: FakeMetaGraphOptions): Promise<FakeMetaGraph> {
  const appId = options.appId ?? '1517776481860111';
  const version = options.version ?? 'v24.0';
  const pages = new Map<string, FakePage>();
  const customers = new Map<string, FakeCustomer>();
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const webhooks: WebhookDelivery[] = [];
  const failures: Array<{ failure: ScriptedFailure; remaining: number }> = [];
  const pending = new Set<Promise<unknown>>();
  const life = new AbortController();
  const consecutiveFailures = new Map<string, number>();
  // Without `now` the clock runs with real time (shifted by set/advance), as Meta's does; with
  // `now` it stands still, so window edges can be hit to the millisecond.
  const frozen = options.now !== undefined;
  let base = frozen ? +options.now! : 0;
  let echoes = options.echoes ?? true;
  let webhookUrl = options.webhookUrl;
  let idCounter = 0;

  const clock = {
    now: () => (frozen ? base : Date.now() + base),
    set: (time: number | Date) => {
      base = frozen ? +time : +time - Date.now();
    },
    advance: (ms: number) => {
      base += ms;
    },
  };

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
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const versionMatch = /^\/(v\d+\.\d+)(\/.*)?$/.exec(url.pathname);
    const path = versionMatch ? (versionMatch[2] ?? '/') : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const body = await parseRequestBody(raw, req.headers['content-type']);
    const token = query.access_token ?? bearerToken(req.headers.authorization);
    const call: RecordedCall = { method, path, version: versionMatch?.[1], query, body: describeBody(body), token, status: 0, response: undefined, at: clock.now() };
    calls.push(call);

    // the CDN behind `profile_pic` links: no token, only the picture of a known PSID
    if (method === 'GET' && url.pathname === '/platform/profilepic/') {
      call.status = customers.has(query.psid ?? '') ? 200 : 404;
      if (call.status === 404) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(FAKE_PROFILE_PNG.byteLength) }).end(FAKE_PROFILE_PNG);
    }

    let reply: Reply;
    const failure = takeFailure(method, path);
    if (failure?.delayMs) await sleep(failure.delayMs, life.signal).catch(() => undefined);
    if (failure && (failure.code !== undefined || failure.rawBody !== undefined)) {
      reply = scriptedReply(failure);
    } else {
      try {
        reply = await route(method, path, query, body, token);
      } catch (error) {
        // A non-Graph exception is a bug in the fake; say so rather than pass it off as Meta's code 1.
        reply = faultReply(error instanceof GraphFault ? error : new GraphFault(500, 1, `An unknown error occurred (fake bug: ${String(error)})`));
      }
    }
    call.status = reply.status;
    call.response = reply.json ?? reply.text;
    if (res.destroyed) return;
    const headers: Record<string, string> = { 'x-fb-trace-id': randomBytes(8).toString('base64url'), ...reply.headers };
    if (reply.json !== undefined) {
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
      res.end(metaJsonStringify(reply.json));
    } else {
      res.writeHead(reply.status, { ...headers, 'content-type': 'text/html; charset=UTF-8' });
      res.end(reply.text ?? '');
    }
  }

  async function route(method: string, path: string, query: Record<string, string>, body: unknown, token?: string): Promise<Reply> {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const page = authenticate(token, query.appsecret_proof);
    const params = { ...withoutAuth(query), ...(isObject(body) ? body : {}) };

    if (segments.length === 2 && segments[1] === 'messages' && method === 'POST') {
      if (segments[0] !== 'me' && segments[0] !== page.id) throw unsupported(method, segments[0]);
      return sendApi(page, params);
    }
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
      throw new GraphFault(400, 100, 'Invalid appsecret_proof provided in the API argument', undefined, 'GraphMethodException');
    }
    if (proof === undefined && options.requireAppSecretProof) {
      throw new GraphFault(400, 100, 'API calls from the server require an appsecret_proof argument', undefined, 'GraphMethodException');
    }
    if (page.tokenExpired) throw new GraphFault(400, 190, fakeGraphErrors.tokenExpired.message, 463);
    return page;
  }

  async function sendApi(page: FakePage, params: Record<string, unknown>): Promise<Reply> {
    const recipient = params.recipient;
    if (!isObject(recipient)) throw invalidParam('The parameter recipient is required');
    const psid = typeof recipient.id === 'string' ? recipient.id : undefined;
    const customer = psid ? customers.get(psid) : undefined;
    if (!psid || !customer || customer.pageId !== page.id) {
      throw new GraphFault(400, 100, '(#100) No matching user found', 2018001);
    }

    if (params.sender_action !== undefined) {
      if (params.message !== undefined) throw invalidParam('Only one of message or sender_action can be specified');
      if (typeof params.sender_action !== 'string' || !SENDER_ACTIONS.has(params.sender_action)) {
        throw invalidParam(`Param sender_action must be one of {${[...SENDER_ACTIONS].join(', ')}}`);
      }
      return { status: 200, json: { recipient_id: psid } };
    }

    const message = params.message;
    if (!isObject(message)) throw invalidParam('The parameter message is required');
    const messagingType = params.messaging_type;
    if (typeof messagingType !== 'string' || !MESSAGING_TYPES.has(messagingType)) {
      throw invalidParam('Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
    }
    const tag = params.tag;
    if (tag !== undefined && messagingType !== 'MESSAGE_TAG') {
      throw invalidParam('Param tag can only be used with messaging_type MESSAGE_TAG');
    }
    if (messagingType === 'MESSAGE_TAG' && (typeof tag !== 'string' || !TAGS.has(tag))) {
      throw invalidParam(`Param tag must be one of {${[...TAGS].join(', ')}}`);
    }

    const text = message.text;
    const attachment = message.attachment;
    if ((text === undefined) === (attachment === undefined)) {
      throw invalidParam('Exactly one of message[text] or message[attachment] must be provided');
    }
    if (text !== undefined && (typeof text !== 'string' || text === '')) throw invalidParam('Param message[text] must be a non-empty UTF-8 string');
    if (typeof text === 'string' && [...text].length > 1999) throw invalidParam('Param message[text] must be less than 2000 characters');
    const upload = params.filedata;
    if (upload !== undefined && !isUpload(upload)) throw invalidParam('Param filedata must be a file upload');
    if (upload !== undefined && attachment === undefined) throw invalidParam('Param filedata can only be used with message[attachment]');
    if (attachment !== undefined) validateAttachment(attachment, isUpload(upload) ? upload : undefined);
    const metadata = message.metadata;
    if (metadata !== undefined && (typeof metadata !== 'string' || [...metadata].length >= 1000)) {
      throw invalidParam('Param message[metadata] must be a string of fewer than 1000 characters');
    }

    const age = customer.lastInboundAt === undefined ? Infinity : clock.now() - customer.lastInboundAt;
    const limit = messagingType === 'MESSAGE_TAG' ? (tag === 'HUMAN_AGENT' ? HUMAN_AGENT_WINDOW_MS : Infinity) : STANDARD_WINDOW_MS;
    if (age > limit) {
      throw new GraphFault(
        400,
        10,
        '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
        2018278,
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
      if (upload.bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new GraphFault(400, 100, '(#100) Upload attachment failure.', 2018047);
      return;
    }
    if (payload.attachment_id === undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) {
      throw invalidParam('Param message[attachment][payload][url] must be a valid URL');
    }
  }

  /** Meta fetching an attachment URL itself; only 200 with a body counts. */
  async function downloadAttachment(url: string): Promise<{ mimeType?: string; bytes: Uint8Array }> {
    const failed = () => new GraphFault(400, 100, '(#100) Failed to fetch the file from the url', 2018008);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.any([life.signal, AbortSignal.timeout(10_000)]) });
    } catch {
      throw failed();
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 200 || bytes.byteLength === 0) throw failed();
    if (bytes.byteLength > ATTACHMENT_MAX_BYTES) throw new GraphFault(400, 100, '(#100) Upload attachment failure.', 2018047);
    return { mimeType: response.headers.get('content-type') ?? undefined, bytes };
  }

  function subscribedApps(method: string, page: FakePage, pageId: string, params: Record<string, unknown>): Reply {
    if (pageId !== page.id) {
      throw new GraphFault(400, 210, '(#210) This call requires a Page access token.');
    }
    if (method === 'GET') {
      const data = page.subscribedFields.size
        ? [{ name: 'Fake App', id: appId, subscribed_fields: [...page.subscribedFields] }]
        : [];
      return { status: 200, json: { data } };
    }
    if (method === 'DELETE') {
      page.subscribedFields.clear();
      return { status: 200, json: { success: true } };
    }
    if (method !== 'POST') throw unsupported(method, `${pageId}/subscribed_apps`);
    const raw = params.subscribed_fields;
    const fields = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
    if (!fields || fields.length === 0) throw invalidParam('The parameter subscribed_fields is required');
    if (!fields.every((f) => typeof f === 'string' && /^[a-z_]+$/.test(f.trim()))) {
      throw invalidParam('Param subscribed_fields must be a list of webhook field names');
    }
    page.subscribedFields = new Set(fields.map((f) => String(f).trim()));
    consecutiveFailures.delete(page.id);
    return { status: 200, json: { success: true } };
  }

  function readNode(page: FakePage, id: string, fieldsParam: unknown): Reply {
    const fields = typeof fieldsParam === 'string' && fieldsParam ? fieldsParam.split(',').map((f) => f.trim()) : undefined;
    const target = id === 'me' ? page : pages.get(id);
    if (target) {
      requireKnownFields(fields, PAGE_FIELDS, 'Page');
      return { status: 200, json: pick({ id: target.id, name: target.name }, fields ?? ['name', 'id']) };
    }
    const customer = customers.get(id);
    if (!customer || customer.pageId !== page.id) throw unsupported('GET', id);
    requireKnownFields(fields, USER_FIELDS, 'User');
    switch (customer.privacy) {
      case 'empty':
        return { status: 200, json: {} };
      case 'no-profile':
        throw new GraphFault(400, 100, 'No profile available for this user.', 2018218);
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

  function takeFailure(method: string, path: string): ScriptedFailure | undefined {
    const index = failures.findIndex(({ failure }) => {
      const match = failure.match;
      if (match?.method && match.method.toUpperCase() !== method) return false;
      if (match?.path instanceof RegExp && !match.path.test(path)) return false;
      if (typeof match?.path === 'string' && match.path !== path) return false;
      return true;
    });
    if (index < 0) return undefined;
    const slot = failures[index];
    if (--slot.remaining <= 0) failures.splice(index, 1);
    return slot.failure;
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
    const entry: Array<{ id: string; time: number; messaging?: unknown[]; standby?: unknown[] }> = [];
    for (const e of list) {
      const key = e.standby ? 'standby' : 'messaging';
      let last = entry[entry.length - 1];
      if (separateEntries || !last || last.id !== e.pageId || !last[key]) {
        last = { id: e.pageId, time: clock.now(), [key]: [] };
        entry.push(last);
      }
      last[key]!.push(e.event);
    }
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
    const body = metaJsonStringify(buildPayload(kept, opts.separateEntries ?? false));
    const secret = opts.appSecret ?? options.appSecret;
    const delivery: WebhookDelivery = {
      url,
      body,
      signature: signMetaBody(body, secret),
      legacySignature: `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
      events: kept,
      attempts: [],
      ok: false,
      skipped: kept.length === 0,
    };
    webhooks.push(delivery);
    if (!delivery.skipped) await post(delivery);
    return delivery;
  }

  async function post(delivery: WebhookDelivery): Promise<void> {
    const attempts = Math.max(1, options.webhookAttempts ?? 3);
    for (let i = 0; i < attempts && !life.signal.aborted; i++) {
      if (i > 0) await sleep(options.webhookRetryDelayMs ?? 100, life.signal).catch(() => undefined);
      const started = Date.now();
      try {
        const response = await fetch(delivery.url!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'facebookexternalua',
            'x-hub-signature-256': delivery.signature,
            'x-hub-signature': delivery.legacySignature,
          },
          body: delivery.body,
          signal: AbortSignal.any([life.signal, AbortSignal.timeout(options.webhookTimeoutMs ?? 20_000)]),
        });
        await response.arrayBuffer();
        delivery.attempts.push({ status: response.status, durationMs: Date.now() - started });
        // Meta wants exactly 200; anything else counts as a failure and is retried.
        if (response.status === 200) {
          delivery.ok = true;
          break;
        }
      } catch (error) {
        delivery.attempts.push({ error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
      }
    }
    notePageHealth(delivery);
  }

  function notePageHealth(delivery: WebhookDelivery): void {
    const limit = options.unsubscribeAfterFailures;
    for (const pageId of new Set(delivery.events.map((e) => e.pageId))) {
      const count = delivery.ok ? 0 : (consecutiveFailures.get(pageId) ?? 0) + 1;
      consecutiveFailures.set(pageId, count);
      if (limit !== undefined && count >= limit) pages.get(pageId)?.subscribedFields.clear();
    }
  }

  async function redeliver(previous: WebhookDelivery): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { ...previous, attempts: [], ok: false, skipped: false };
    webhooks.push(delivery);
    await post(delivery);
    return delivery;
  }

  async function verifyWebhook(verifyToken: string, opts: { webhookUrl?: string } = {}) {
    const target = opts.webhookUrl ?? webhookUrl;
    if (!target) throw new Error('fake meta graph: no webhookUrl configured');
    const challenge = String(Math.floor(Math.random() * 2_000_000_000));
    const url = new URL(target);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', verifyToken);
    const response = await fetch(url, { signal: AbortSignal.timeout(options.webhookTimeoutMs ?? 20_000) });
    const body = await response.text();
    return { ok: response.status === 200 && body === challenge, status: response.status, body, challenge };
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.catch(() => undefined);
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
    return promise;
  }

  async function idle(): Promise<void> {
    while (pending.size) await Promise.all([...pending]);
  }

  // ------------------------------------------------------------------------- Server

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

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
    failNext: (failure, times = 1) => {
      failures.push({ failure: typeof failure === 'string' ? fakeGraphErrors[failure] : failure, remaining: times });
    },
    clearFailures: () => {
      failures.length = 0;
    },
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
    redeliver: (delivery) => track(redeliver(delivery)),
    verifyWebhook,
    idle,
    stop: async () => {
      life.abort();
      await idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function scriptedReply(failure: ScriptedFailure): Reply {
  const headers: Record<string, string> = {};
  if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
  if (failure.rawBody !== undefined) return { status: failure.status ?? 500, text: failure.rawBody, headers };
  const error: Record<string, unknown> = {
    message: failure.message ?? `(#${failure.code}) Scripted failure`,
    type: failure.type ?? 'OAuthException',
  };
  if (failure.isTransient !== undefined) error.is_transient = failure.isTransient;
  error.code = failure.code;
  if (failure.subcode !== undefined) error.error_subcode = failure.subcode;
  error.fbtrace_id = randomBytes(9).toString('base64url');
  return { status: failure.status ?? 400, json: { error }, headers };
}

function faultReply(fault: GraphFault): Reply {
  const error: Record<string, unknown> = { message: fault.message, type: fault.type, code: fault.code };
  if (fault.subcode !== undefined) error.error_subcode = fault.subcode;
  error.fbtrace_id = randomBytes(9).toString('base64url');
  return { status: fault.status, json: { error } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file part of a multipart body (Send API `filedata`). */
interface UploadedFile {
  upload: true;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

function isUpload(value: unknown): value is UploadedFile {
  return isObject(value) && value.upload === true;
}

/** Meta takes attachments of up to 25 MB (PLATFORMS.md A.4). */
const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

// Graph takes JSON bodies, form-encoded ones and multipart ones (uploads) whose object values are JSON strings.
async function parseRequestBody(buffer: Buffer, contentType: string | undefined): Promise<unknown> {
  if (buffer.length === 0) return undefined;
  if (contentType?.toLowerCase().includes('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(buffer), { headers: { 'content-type': contentType } }).formData();
    } catch {
      // not multipart after all: the raw text, which no endpoint accepts
      return buffer.toString('utf8');
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form) {
      fields[key] =
        typeof value === 'string'
          ? maybeJson(value)
          : ({ upload: true, fileName: value.name, mimeType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) } satisfies UploadedFile);
    }
    return fields;
  }
  const raw = buffer.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) form[key] = maybeJson(value);
    return form;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The body for the call log: uploads summarised instead of their bytes. */
function describeBody(body: unknown): unknown {
  if (!isObject(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, isUpload(value) ? { fileName: value.fileName, mimeType: value.mimeType, size: value.bytes.byteLength } : value]),
  );
}

function withoutAuth(query: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'access_token' && key !== 'appsecret_proof') params[key] = maybeJson(value);
  }
  return params;
}

function maybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function requireKnownFields(fields: string[] | undefined, known: Set<string>, nodeType: string): void {
  const unknown = fields?.find((f) => !known.has(f));
  if (unknown !== undefined) throw invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (${nodeType})`);
}

function pick(source: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) if (source[field] !== undefined) result[field] = source[field];
  // Graph always answers with the node id.
  result.id = source.id;
  return result;
}


