/**
 * A fake of the WhatsApp Business Cloud API and of Meta's WhatsApp webhook sender, served over
 * real HTTP on 127.0.0.1 (PLATFORMS.md D.6). It checks the Bearer token, validates send bodies,
 * enforces the 24-hour customer service window against a settable clock (free-form only within
 * 24 h of the customer's last message, templates always), validates templates against a catalogue,
 * serves media in two authenticated steps, answers with Meta's error envelope, can be scripted to
 * fail, and POSTs signed webhooks (`X-Hub-Signature-256` over Meta-escaped bytes) with inbound
 * messages and with statuses — in order, out of order, twice, or failed.
 *
 *   const wa = await startFakeWhatsApp({ appSecret, webhookUrl: 'http://127.0.0.1:3000/api/webhooks/whatsapp' });
 *   await wa.customerSends('16505551234', 'Hi, my order is late');   // signed POST, opens the 24 h window
 *   // point the app at wa.url with wa.token and wa.phoneNumberId; its sends get sent → delivered statuses
 *   await wa.customerSends('16505551234', { type: 'voice', bytes: oggBytes }); // media id downloadable in 2 steps
 *   wa.clock.advance(25 * 3600_000);                                  // next free-form send → 131047
 *   wa.failNext('rateLimit');                                         // next call answers 130429
 *   await wa.sendStatuses(wamid, ['read', 'delivered', 'read']);      // out of order and duplicated
 *   await wa.failMessage(wamid, 'undeliverable');                     // failed status with errors[]
 *   await wa.stop();
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeClock, createFakeLifecycle, isObject, isUpload, serveLocally } from './fake-utils';
import {
  bearerToken,
  createGraphKit,
  GraphFault,
  graphErrors,
  pick,
  unsupported as unsupportedRequest,
  type GraphErrorFields,
  type GraphRecordedCall,
  type GraphReply,
  type GraphScriptedFailure,
} from './graph-fake-kit';
import { createWebhookOutbox, retryPolicy, signPayload, verifyWebhookUrl, type SignedBody, type WebhookAttempt, type WebhookSenderOptions } from './webhook-sender';

const HOUR = 60 * 60 * 1000;
const SERVICE_WINDOW_MS = 24 * HOUR;
const TEXT_LIMIT = 4096;
const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);
const SEND_TYPES = new Set([...MEDIA_TYPES, 'text', 'template', 'location', 'contacts', 'interactive', 'reaction']);
const PHONE_FIELDS = new Set([
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'platform_type',
  'throughput',
  'name_status',
  'messaging_limit_tier',
]);
const TEMPLATE_FIELDS = new Set(['id', 'name', 'language', 'status', 'category', 'components', 'parameter_format', 'quality_score', 'rejected_reason']);
const DEFAULT_MIME: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/mpeg',
  voice: 'audio/ogg; codecs=opus',
  document: 'application/pdf',
  sticker: 'image/webp',
};

// ---------------------------------------------------------------------------------------------
// Public types

export type FakeStatusName = 'sent' | 'delivered' | 'read' | 'failed';

export interface FakeWhatsAppCustomer {
  /** The phone number as WhatsApp ids it: digits, no `+`. */
  waId: string;
  name: string;
  /** 2026 usernames: set to emit `profile.username`; with `bsuid` events also carry `user_id`. */
  username?: string;
  /** Business-scoped user id (BSUID), e.g. `US.13491208655302741918`. */
  userId: string;
  /** False: sends are accepted (200) and then fail with a 131026 status, as Meta does. */
  reachable: boolean;
  /** Fake-clock ms of the customer's last inbound message: opens the 24-hour window. */
  lastInboundAt?: number;
}

export interface FakeTemplate {
  id: string;
  name: string;
  language: string;
  category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION';
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  /** BODY text with `{{1}}` placeholders. */
  body: string;
  header?: string;
  footer?: string;
}

export interface FakeMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  deleted: boolean;
  /** Set for files the business uploaded (`POST /{phone-number-id}/media`): the part's file name. */
  uploadedAs?: string;
}

/** A call as it arrived (path e.g. `/106540352242922/messages`; token from the Bearer header, else `access_token`) and how it was answered. */
export type RecordedCall = GraphRecordedCall;

export interface FakeSentMessage {
  wamid: string;
  /** `to` exactly as the request gave it. */
  to: string;
  waId: string;
  type: string;
  /** The full request body. */
  request: Record<string, unknown>;
  text?: string;
  template?: { name: string; language: string; params: string[] };
  callbackData?: string;
  /** Fake-clock ms of the send. */
  at: number;
  /** A media message by uploaded id: the file the customer gets (document file name in `fileName`). */
  media?: FakeMedia;
  fileName?: string;
  /** Statuses emitted for it so far, in emission order (duplicates included). */
  statuses: FakeStatusName[];
  /** The furthest status reached: sent < delivered < read; failed is terminal. */
  status?: FakeStatusName;
  /** Set when the send was accepted but will fail (or failed) asynchronously. */
  failure?: FakeStatusError;
}

export interface FakeInboundMessage {
  wamid: string;
  waId: string;
  type: string;
  at: number;
  /** Marked read by the business (`status: "read"`). */
  markedRead: boolean;
}

/** An entry of a failed status's `errors[]`. */
export interface FakeStatusError {
  code: number;
  title: string;
  message?: string;
  details?: string;
}

/** A WhatsApp / Graph error code with `message`, `details` and `type` makes Meta's envelope. */
export interface ScriptedFailure extends GraphScriptedFailure {
  /** `error.error_data.details` (WhatsApp's longer explanation). */
  details?: string;
  /**
   * For sends: accept the message (200 with a wamid) and report the error afterwards as a
   * `failed` status, as Meta does for 131026 and sometimes 131047.
   */
  asStatus?: boolean;
}

/** Ready-made failures for `failNext` / `failMessage`, with Meta's codes and wording. */
export const fakeWhatsAppErrors = {
  rateLimit: {
    status: 400,
    code: 130429,
    message: '(#130429) Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
  },
  pairRateLimit: {
    status: 400,
    code: 131056,
    message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  wabaRateLimit: { status: 400, code: 80007, message: '(#80007) Rate limit issues', details: 'The WhatsApp Business Account has reached its rate limit.' },
  appRateLimit: { status: 400, code: 4, message: '(#4) Application request limit reached' },
  undeliverable: {
    code: 131026,
    message: 'Message undeliverable',
    details: 'Message Undeliverable.',
    asStatus: true,
  },
  reEngagement: {
    status: 400,
    code: 131047,
    message: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  tokenExpired: {
    status: 401,
    code: 190,
    subcode: 463,
    message: 'Error validating access token: Session has expired on Friday, 12-Jun-26 10:00:00 PDT.',
  },
  tokenInvalid: { status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
  serviceUnavailable: { status: 503, code: 131000, message: 'Something went wrong', details: 'Something went wrong.' },
  overloaded: { status: 503, code: 131016, message: 'Service unavailable', details: 'A service is temporarily unavailable.' },
  spamRateLimit: {
    status: 400,
    code: 131048,
    message: 'Spam rate limit hit',
    details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number.',
  },
  badGateway: graphErrors.badGateway,
} satisfies Record<string, ScriptedFailure>;

export type FakeWhatsAppErrorName = keyof typeof fakeWhatsAppErrors;

/** What a customer sends. A plain string is a text message. */
export type FakeInboundContent =
  | string
  | { type: 'text'; body: string }
  | {
      type: 'image' | 'video' | 'audio' | 'document' | 'sticker';
      /** Registered as downloadable media; placeholder bytes when omitted. */
      bytes?: Uint8Array | string;
      mimeType?: string;
      caption?: string;
      filename?: string;
      /** audio only: a recorded voice note. */
      voice?: boolean;
      mediaId?: string;
    }
  /** Shorthand for `{ type: 'audio', voice: true, mimeType: 'audio/ogg; codecs=opus' }`. */
  | { type: 'voice'; bytes?: Uint8Array | string; mediaId?: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'contacts'; contacts: Array<{ name: string; phone: string; waId?: string }> }
  | { type: 'button_reply' | 'list_reply'; id: string; title: string; description?: string }
  | { type: 'button'; text: string; payload?: string }
  | { type: 'reaction'; messageId: string; emoji: string }
  | { type: 'unsupported'; unsupportedType?: string }
  /** Any other message object; `from`, `id`, `timestamp` are filled in when missing. */
  | { type: 'custom'; message: Record<string, unknown> };

export interface InboundOptions {
  /** The wamid; a fresh `wamid.` id by default. */
  id?: string;
  /** Fake-clock ms; defaults to now. */
  timestamp?: number;
  /** Quote an earlier message (adds `context`). */
  replyTo?: string;
  /** The 2026 username variant: `user_id` and `profile.username`, no `wa_id` / `from`. */
  bsuid?: boolean;
}

export interface StatusOptions {
  /** Fake-clock ms; defaults to now. */
  timestamp?: number;
  /** errors[] for a failed status. */
  errors?: FakeStatusError[];
  /** Recipient for wamids the fake didn't send. */
  recipient?: string;
}

/** One message or status ready to go into a webhook POST. Build with `wa.events.*`, send with `wa.emit`. */
export type FakeWhatsAppEvent =
  | { kind: 'message'; waId: string; contact: Record<string, unknown>; message: Record<string, unknown> }
  | { kind: 'status'; waId: string; status: Record<string, unknown> };

export type { WebhookAttempt };

/** A webhook POST: its exact bytes (Meta-escaped JSON, ASCII only) and signatures, the events in it, its attempts. */
export interface WebhookDelivery extends SignedBody {
  url?: string;
  events: FakeWhatsAppEvent[];
  attempts: WebhookAttempt[];
  /** True once an attempt got a 2xx. */
  ok: boolean;
}

export interface EmitOptions {
  /** One change per event instead of one per run of messages / statuses. */
  separateChanges?: boolean;
  /** One entry per change (Meta does both). */
  separateEntries?: boolean;
  /** Add a change of another field (e.g. `message_template_status_update`) the app must skip. */
  extraChanges?: Array<{ field: string; value: Record<string, unknown> }>;
  /** Sign with this secret instead, to test signature rejection. */
  appSecret?: string;
  webhookUrl?: string;
}

export interface AutoStatusOptions {
  /** How far statuses go after a successful send. Default `delivered`. */
  upTo?: 'sent' | 'delivered' | 'read';
  /** Skip `delivered` (it is skipped when `read` comes at the same moment). */
  skipDelivered?: boolean;
  /** `reversed` emits them newest first (their timestamps still rise). */
  order?: 'in-order' | 'reversed';
  /** Emit every status twice (at-least-once delivery). */
  duplicate?: boolean;
  /** Milliseconds between consecutive status timestamps. Default 1000. */
  stepMs?: number;
}

/** Webhooks: Meta retries non-2xx answers with the same bytes (`webhookAttempts`, default 3). */
export interface FakeWhatsAppOptions extends WebhookSenderOptions {
  appSecret: string;
  /** Where webhooks are POSTed; automatic statuses are only emitted when one is set. */
  webhookUrl?: string;
  phoneNumberId?: string;
  /** Digits, as in webhook metadata. */
  displayPhoneNumber?: string;
  verifiedName?: string;
  wabaId?: string;
  token?: string;
  /** Version in `url`; any `/vX.Y` prefix is accepted on requests. */
  version?: string;
  /** A fixed fake-clock time that only set/advance move; without it the clock follows real time. */
  now?: number | Date;
  /** The template catalogue; a small default one when omitted. */
  templates?: Array<Partial<FakeTemplate> & Pick<FakeTemplate, 'name' | 'body'>>;
  /** How a free-form send outside the 24-hour window fails: a 400 (`sync`, default) or a failed status (`async`). */
  windowMode?: 'sync' | 'async';
  /** Statuses emitted after each accepted send; `false` for none. */
  autoStatuses?: AutoStatusOptions | false;
  /** How long media download URLs stay valid. Default 5 minutes. */
  mediaUrlTtlMs?: number;
}

export interface FakeWhatsApp {
  /** Graph base including the version, e.g. `http://127.0.0.1:PORT/v24.0`. */
  url: string;
  origin: string;
  appSecret: string;
  token: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  wabaId: string;
  customers: Map<string, FakeWhatsAppCustomer>;
  templates: FakeTemplate[];
  media: Map<string, FakeMedia>;
  calls: RecordedCall[];
  sent: FakeSentMessage[];
  inbound: FakeInboundMessage[];
  webhooks: WebhookDelivery[];
  clock: { now(): number; set(time: number | Date): void; advance(ms: number): void };

  addCustomer(customer?: Partial<FakeWhatsAppCustomer>): FakeWhatsAppCustomer;
  addTemplate(template: Partial<FakeTemplate> & Pick<FakeTemplate, 'name' | 'body'>): FakeTemplate;
  /** Registers downloadable bytes under a media id (a fresh id unless given). */
  addMedia(media: { bytes: Uint8Array | string; mimeType: string; id?: string }): FakeMedia;
  /** The media download URL as step 1 would hand it out now. */
  mediaUrl(mediaId: string): string;
  expireToken(): void;
  restoreToken(): void;
  failNext(failure: ScriptedFailure | FakeWhatsAppErrorName, times?: number): void;
  clearFailures(): void;
  setAutoStatuses(options: AutoStatusOptions | false): void;
  setWindowMode(mode: 'sync' | 'async'): void;
  setWebhookUrl(url: string | undefined): void;

  events: {
    message(waId: string, content: FakeInboundContent, options?: InboundOptions): FakeWhatsAppEvent;
    status(wamid: string, status: FakeStatusName, options?: StatusOptions): FakeWhatsAppEvent;
  };
  /** POSTs one signed webhook holding all events. */
  emit(events: FakeWhatsAppEvent[], options?: EmitOptions): Promise<WebhookDelivery>;
  /** A customer's message as its own webhook; opens the 24-hour window. */
  customerSends(waId: string, content: FakeInboundContent, options?: InboundOptions): Promise<WebhookDelivery>;
  /** One status webhook for a wamid (any status, any order). */
  sendStatus(wamid: string, status: FakeStatusName, options?: StatusOptions): Promise<WebhookDelivery>;
  /** Several statuses for a wamid, one POST each, in the given order (repeat one to duplicate it). */
  sendStatuses(wamid: string, statuses: FakeStatusName[], options?: { stepMs?: number }): Promise<WebhookDelivery[]>;
  /** A `failed` status for a wamid with an error from the presets or your own. */
  failMessage(wamid: string, error?: FakeStatusError | FakeWhatsAppErrorName): Promise<WebhookDelivery>;
  /** Sends an earlier delivery's exact bytes and signature again. */
  redeliver(delivery: WebhookDelivery): Promise<WebhookDelivery>;
  /** Performs Meta's GET handshake against the webhook URL. */
  verifyWebhook(verifyToken: string, options?: { webhookUrl?: string }): Promise<{ ok: boolean; status: number; body: string; challenge: string }>;
  /** Resolves once every webhook in flight (automatic statuses included) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Implementation

type Reply = GraphReply;

const invalidParam = (message: string, details?: string) =>
  new GraphFault(400, 100, `(#100) ${message}`, { details: details ?? message });

const unsupported = (method: string, id: string) =>
  unsupportedRequest(method, id, ' Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api');

/** WhatsApp's rendering of a scripted failure: the message gets a `(#code)` prefix unless it has one (or is a 190). */
function scriptedError(failure: ScriptedFailure): GraphErrorFields {
  const code = failure.code ?? 1;
  const message = failure.message ?? 'Scripted failure';
  return {
    message: /^\(#\d+\)/.test(message) || code === 190 ? message : `(#${code}) ${message}`,
    type: failure.type,
    code,
    subcode: failure.subcode,
    details: failure.details,
  };
}

const DEFAULT_TEMPLATES: Array<Partial<FakeTemplate> & Pick<FakeTemplate, 'name' | 'body'>> = [
  {
    name: 'hello_world',
    language: 'en_US',
    category: 'UTILITY',
    header: 'Hello World',
    body: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
    footer: 'WhatsApp Business Platform sample message',
  },
  { name: 'order_update', language: 'en_US', category: 'UTILITY', body: 'Hi {{1}}, your order {{2}} is on its way.' },
  { name: 'order_update', language: 'pt_BR', category: 'UTILITY', body: 'Olá {{1}}, seu pedido {{2}} está a caminho.' },
  { name: 'summer_sale', language: 'en_US', category: 'MARKETING', status: 'REJECTED', body: 'Big summer sale, {{1}}!' },
];

export async function startFakeWhatsApp(options: FakeWhatsAppOptions): Promise<FakeWhatsApp> {
  const version = options.version ?? 'v24.0';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const displayPhoneNumber = options.displayPhoneNumber ?? '15550783881';
  const verifiedName = options.verifiedName ?? 'Acme Support';
  const wabaId = options.wabaId ?? '102290129340398';
  const token = options.token ?? `EAAFakeWhatsApp${randomBytes(12).toString('hex')}`;
  const mediaTtl = options.mediaUrlTtlMs ?? 5 * 60 * 1000;
  const customers = new Map<string, FakeWhatsAppCustomer>();
  const templates: FakeTemplate[] = [];
  const media = new Map<string, FakeMedia>();
  const sent: FakeSentMessage[] = [];
  const inbound: FakeInboundMessage[] = [];
  const webhooks: WebhookDelivery[] = [];
  const mediaUrls = new Map<string, { mediaId: string; expiresAt: number }>();
  const life = createFakeLifecycle();
  const { track, idle } = life;
  const clock = createFakeClock(options.now);
  const graph = createGraphKit<ScriptedFailure, FakeWhatsAppErrorName>({
    presets: fakeWhatsAppErrors,
    signal: life.signal,
    clock,
    // JSON bodies, and multipart ones for media uploads (file parts become UploadedFile, text parts stay text)
    bodies: { multipart: true, multipartJsonFields: false },
    bearerFirst: true,
    // A failure meant to arrive as a status can only apply to a send, and does not answer it.
    applies: (failure, method, path) => !failure.asStatus || (method === 'POST' && path.endsWith('/messages')),
    answers: (failure) => !failure.asStatus && (failure.code !== undefined || failure.rawBody !== undefined),
    scriptedError,
    errorData: (details) => ({ messaging_product: 'whatsapp', details }),
    textType: 'text/plain; charset=UTF-8',
  });
  const { calls } = graph;
  // Any 2xx answer is delivered; the others are retried after the same delay each time.
  const outbox = createWebhookOutbox(
    webhooks,
    retryPolicy(options, life.signal, { backoff: 1, accept: (status) => status >= 200 && status < 300, recordStatus: false }),
  );
  let webhookUrl = options.webhookUrl;
  let autoStatuses: AutoStatusOptions | false = options.autoStatuses ?? {};
  let windowMode = options.windowMode ?? 'sync';
  let tokenExpired = false;
  let counter = 0;

  const seconds = (ms: number) => String(Math.floor(ms / 1000));
  // wamids are base64 of an opaque blob with a fixed prefix, about 60 characters long.
  const newWamid = () => `wamid.${Buffer.concat([Buffer.from('HBgLMTY1MDU1NTEyMzQVAgAR'), randomBytes(18)]).toString('base64')}`;
  const newNumericId = (prefix: number) => String(prefix + ++counter);

  function addCustomer(spec: Partial<FakeWhatsAppCustomer> = {}): FakeWhatsAppCustomer {
    const waId = digits(spec.waId ?? String(16505550000 + ++counter));
    const customer: FakeWhatsAppCustomer = {
      waId,
      name: spec.name ?? 'Sheena Nelson',
      username: spec.username,
      userId: spec.userId ?? `US.${BigInt('0x' + createHash('sha256').update(waId).digest('hex').slice(0, 15)).toString()}`,
      reachable: spec.reachable ?? true,
      lastInboundAt: spec.lastInboundAt,
    };
    customers.set(waId, customer);
    return customer;
  }

  function customerFor(waId: string): FakeWhatsAppCustomer {
    return customers.get(digits(waId)) ?? addCustomer({ waId });
  }

  function addTemplate(spec: Partial<FakeTemplate> & Pick<FakeTemplate, 'name' | 'body'>): FakeTemplate {
    const template: FakeTemplate = {
      id: spec.id ?? newNumericId(1_400_000_000_000_000),
      name: spec.name,
      language: spec.language ?? 'en_US',
      category: spec.category ?? 'UTILITY',
      status: spec.status ?? 'APPROVED',
      body: spec.body,
      header: spec.header,
      footer: spec.footer,
    };
    templates.push(template);
    return template;
  }

  function addMedia(spec: { bytes: Uint8Array | string; mimeType: string; id?: string }): FakeMedia {
    const bytes = Buffer.from(spec.bytes);
    const item: FakeMedia = {
      id: spec.id ?? newNumericId(1_030_000_000_000_000),
      bytes,
      mimeType: spec.mimeType,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      deleted: false,
    };
    media.set(item.id, item);
    return item;
  }

  function mediaUrl(mediaId: string): string {
    const hash = randomBytes(12).toString('hex');
    const expiresAt = clock.now() + mediaTtl;
    mediaUrls.set(hash, { mediaId, expiresAt });
    return `${origin}/whatsapp_business/attachments/?mid=${encodeURIComponent(mediaId)}&ext=${seconds(expiresAt)}&hash=${hash}`;
  }

  for (const spec of options.templates ?? DEFAULT_TEMPLATES) addTemplate(spec);

  // ------------------------------------------------------------------------- HTTP

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { request, call } = await graph.receive(req);
    const { method, path, query, body, token: requestToken } = request;
    let reply: Reply;
    if (path === '/whatsapp_business/attachments/' && !request.version) {
      reply = download(method, request.url.searchParams, bearerToken(req.headers.authorization));
    } else {
      reply = await graph.answer(request, async (failure) => {
        if (!request.version) throw new GraphFault(400, 2500, `Unknown path components: ${path}`);
        return route(method, path, query, body, requestToken, failure?.asStatus ? failure : undefined);
      });
    }
    graph.finish(res, call, reply);
  }

  async function route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    requestToken: string | undefined,
    asStatus: ScriptedFailure | undefined,
  ): Promise<Reply> {
    authenticate(requestToken);
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments.length === 2 && segments[1] === 'messages') {
      if (method !== 'POST' || segments[0] !== phoneNumberId) throw unsupported(method, segments[0]);
      return messagesEndpoint(body, asStatus);
    }
    if (segments.length === 2 && segments[1] === 'media') {
      if (method !== 'POST' || segments[0] !== phoneNumberId) throw unsupported(method, segments[0]);
      return uploadMedia(body);
    }
    if (segments.length === 2 && segments[1] === 'message_templates') {
      if (method !== 'GET' || segments[0] !== wabaId) throw unsupported(method, segments[0]);
      return listTemplates(query);
    }
    if (segments.length === 1 && segments[0] === phoneNumberId && method === 'GET') {
      return readPhoneNumber(query.fields);
    }
    if (segments.length === 1 && media.has(segments[0])) {
      return mediaNode(method, segments[0], query);
    }
    if (segments.length === 1) throw unsupported(method, segments[0]);
    throw new GraphFault(400, 2500, `Unknown path components: /${segments.slice(1).join('/')}`);
  }

  function authenticate(requestToken: string | undefined): void {
    if (!requestToken) throw new GraphFault(400, 104, 'An access token is required to request this resource.');
    if (requestToken !== token) throw new GraphFault(401, 190, fakeWhatsAppErrors.tokenInvalid.message);
    if (tokenExpired) throw new GraphFault(401, 190, fakeWhatsAppErrors.tokenExpired.message, { subcode: 463 });
  }

  function messagesEndpoint(body: unknown, asStatus: ScriptedFailure | undefined): Reply {
    if (!isObject(body)) throw invalidParam('The request body must be a JSON object');
    if (body.messaging_product !== 'whatsapp') {
      throw invalidParam('The parameter messaging_product is required.', 'messaging_product must be "whatsapp".');
    }
    if (body.status !== undefined) return markRead(body);

    const to = body.to;
    if (typeof to !== 'string' || !digits(to)) throw invalidParam('The parameter to is required.');
    if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
      throw invalidParam('Param recipient_type must be "individual".');
    }
    const type = body.type ?? 'text';
    if (typeof type !== 'string' || !SEND_TYPES.has(type)) {
      throw invalidParam(`Param type must be one of {${[...SEND_TYPES].join(', ')}}.`);
    }
    const payload = body[type];
    if (!isObject(payload) && !(type === 'contacts' && Array.isArray(payload))) {
      throw invalidParam(`The parameter ${type} is required.`);
    }
    const callbackData = body.biz_opaque_callback_data;
    if (callbackData !== undefined && (typeof callbackData !== 'string' || callbackData.length > 512)) {
      throw invalidParam('Param biz_opaque_callback_data must be a string of at most 512 characters.');
    }
    if (body.context !== undefined && (!isObject(body.context) || typeof body.context.message_id !== 'string')) {
      throw invalidParam('Param context[message_id] must be a message id.');
    }

    const record: FakeSentMessage = {
      wamid: newWamid(),
      to,
      waId: digits(to),
      type,
      request: body,
      at: clock.now(),
      statuses: [],
    };
    if (typeof callbackData === 'string') record.callbackData = callbackData;
    validateContent(type, payload, record);

    const customer = customerFor(to);
    const inWindow = customer.lastInboundAt !== undefined && clock.now() - customer.lastInboundAt <= SERVICE_WINDOW_MS;
    if (type !== 'template' && !inWindow) {
      const e = fakeWhatsAppErrors.reEngagement;
      if (windowMode === 'sync') throw new GraphFault(400, e.code, `(#${e.code}) ${e.message}`, { details: e.details });
      record.failure = { code: e.code, title: e.message, message: e.message, details: e.details };
    } else if (asStatus) {
      record.failure = {
        code: asStatus.code ?? 131000,
        title: asStatus.message ?? 'Scripted failure',
        message: asStatus.message ?? 'Scripted failure',
        details: asStatus.details,
      };
    } else if (!customer.reachable) {
      const e = fakeWhatsAppErrors.undeliverable;
      record.failure = { code: e.code, title: e.message, message: e.message, details: e.details };
    }
    sent.push(record);

    const messages: Record<string, unknown> = { id: record.wamid };
    if (type === 'template') messages.message_status = 'accepted';
    return {
      status: 200,
      json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: record.waId }], messages: [messages] },
      after: () => afterSend(record),
    };
  }

  function validateContent(type: string, payload: unknown, record: FakeSentMessage): void {
    const p = isObject(payload) ? payload : {};
    switch (type) {
      case 'text': {
        if (typeof p.body !== 'string' || !p.body.trim()) throw invalidParam('Param text[body] is required and must be a non-empty string.');
        if (p.body.length > TEXT_LIMIT) {
          throw invalidParam(`Param text[body] must be at most ${TEXT_LIMIT} characters long.`);
        }
        if (p.preview_url !== undefined && typeof p.preview_url !== 'boolean') throw invalidParam('Param text[preview_url] must be a boolean.');
        record.text = p.body;
        return;
      }
      case 'template':
        record.template = validateTemplate(p);
        return;
      case 'location':
        if (typeof p.latitude !== 'number' || typeof p.longitude !== 'number') {
          throw invalidParam('Params location[latitude] and location[longitude] are required numbers.');
        }
        return;
      case 'contacts':
        if (!Array.isArray(payload) || payload.length === 0) throw invalidParam('Param contacts must be a non-empty array.');
        return;
      case 'interactive':
        if (typeof p.type !== 'string' || !isObject(p.action)) throw invalidParam('Params interactive[type] and interactive[action] are required.');
        return;
      case 'reaction':
        if (typeof p.message_id !== 'string' || typeof p.emoji !== 'string') throw invalidParam('Params reaction[message_id] and reaction[emoji] are required.');
        return;
    }
    // Media: exactly one of an uploaded id or a public link.
    const hasId = p.id !== undefined;
    const hasLink = p.link !== undefined;
    if (hasId === hasLink) throw invalidParam(`Exactly one of ${type}[id] or ${type}[link] must be provided.`);
    if (hasId) {
      const item = typeof p.id === 'string' ? media.get(p.id) : undefined;
      if (!item || item.deleted) throw invalidParam(`Param ${type}[id] is not a valid media id.`);
      // [UNCONFIRMED wording] a media id must be sent as the kind of file it is
      const family = type === 'document' ? '' : type === 'sticker' ? 'image/webp' : `${type}/`;
      if (!item.mimeType.startsWith(family)) throw invalidParam(`Param ${type}[id] is a ${item.mimeType} file, which can't be sent as ${type}.`);
      record.media = item;
      if (type === 'document' && typeof p.filename === 'string') record.fileName = p.filename;
    }
    if (hasLink && (typeof p.link !== 'string' || !/^https?:\/\//.test(p.link))) throw invalidParam(`Param ${type}[link] must be a valid URL.`);
    if (typeof p.caption === 'string') record.text = p.caption;
  }

  /**
   * `POST /{phone-number-id}/media`: multipart `messaging_product=whatsapp`, `type` (the MIME
   * type) and `file`. Answers `{id}`. Types and sizes per Meta's media reference [UNCONFIRMED]:
   * images JPEG/PNG ≤ 5 MB, audio ≤ 16 MB, video MP4/3GPP ≤ 16 MB, stickers WebP, documents ≤ 100 MB.
   */
  function uploadMedia(body: unknown): Reply {
    if (!isObject(body) || !isUpload(body.file)) throw invalidParam('The parameter file is required.', 'Upload the file as the multipart part "file".');
    if (body.messaging_product !== 'whatsapp') {
      throw invalidParam('The parameter messaging_product is required.', 'messaging_product must be "whatsapp".');
    }
    if (typeof body.type !== 'string' || !body.type) throw invalidParam('The parameter type is required.', 'type must be the MIME type of the file.');
    const file = body.file;
    const mimeType = body.type.split(';')[0].trim().toLowerCase();
    const limit = UPLOAD_LIMITS.find((l) => l.types.test(mimeType));
    const uploadError = (details: string) => new GraphFault(400, 131053, '(#131053) Media upload error', { details });
    if (!limit) throw uploadError(`Unsupported media type ${mimeType}.`);
    if (file.bytes.byteLength === 0) throw uploadError('The file is empty.');
    if (file.bytes.byteLength > limit.max) throw uploadError(`The file is ${file.bytes.byteLength} bytes; ${limit.name} can be at most ${limit.max / (1024 * 1024)} MB.`);
    const item = addMedia({ bytes: file.bytes, mimeType });
    item.uploadedAs = file.fileName;
    return { status: 200, json: { id: item.id } };
  }

  function validateTemplate(p: Record<string, unknown>): NonNullable<FakeSentMessage['template']> {
    const name = p.name;
    const language = isObject(p.language) ? p.language.code : undefined;
    if (typeof name !== 'string' || !name) throw invalidParam('Param template[name] is required.');
    if (typeof language !== 'string' || !language) throw invalidParam('Param template[language][code] is required.');
    const missing = () =>
      new GraphFault(400, 132001, '(#132001) Template name does not exist in the translation', {
        details: `template name (${name}) does not exist in ${language}`,
      });
    const template = templates.find((t) => t.name === name && t.language === language);
    if (!template) throw missing();
    if (template.status === 'PAUSED') {
      throw new GraphFault(400, 132015, '(#132015) Template is paused', { details: `Template ${name} is paused due to low quality.` });
    }
    if (template.status === 'DISABLED') {
      throw new GraphFault(400, 132016, '(#132016) Template is disabled', { details: `Template ${name} was disabled due to low quality.` });
    }
    if (template.status !== 'APPROVED') throw missing();

    const components = p.components === undefined ? [] : p.components;
    if (!Array.isArray(components)) throw invalidParam('Param template[components] must be an array.');
    const paramsOf = (kind: string) => {
      const component = components.find((c) => isObject(c) && typeof c.type === 'string' && c.type.toLowerCase() === kind);
      const parameters = isObject(component) && Array.isArray(component.parameters) ? component.parameters : [];
      return parameters.filter(isObject);
    };
    const bodyParams = paramsOf('body');
    const headerParams = paramsOf('header');
    const mismatch = (where: string, given: number, expected: number) =>
      new GraphFault(400, 132000, '(#132000) Number of parameters does not match the expected number of params', {
        details: `${where}: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
      });
    const expectedBody = placeholders(template.body);
    if (bodyParams.length !== expectedBody) throw mismatch('body', bodyParams.length, expectedBody);
    const expectedHeader = placeholders(template.header ?? '');
    if (headerParams.length !== expectedHeader) throw mismatch('header', headerParams.length, expectedHeader);
    const params = bodyParams.map((param) => {
      if (param.type !== 'text' || typeof param.text !== 'string') {
        throw new GraphFault(400, 132012, '(#132012) Parameter format does not match format in the created template', {
          details: 'body: parameters must be of type text with a text value.',
        });
      }
      return param.text;
    });
    return { name, language, params };
  }

  function markRead(body: Record<string, unknown>): Reply {
    if (body.status !== 'read') throw invalidParam('Param status must be "read".');
    const id = body.message_id;
    const message = typeof id === 'string' ? inbound.find((m) => m.wamid === id) : undefined;
    if (!message) {
      throw new GraphFault(400, 131009, '(#131009) Parameter value is not valid', { details: 'Message ID is not valid or is not an incoming message.' });
    }
    if (body.typing_indicator !== undefined && (!isObject(body.typing_indicator) || body.typing_indicator.type !== 'text')) {
      throw invalidParam('Param typing_indicator[type] must be "text".');
    }
    // Marking a message read marks every earlier message of that customer read too.
    for (const m of inbound) if (m.waId === message.waId && m.at <= message.at) m.markedRead = true;
    return { status: 200, json: { success: true } };
  }

  function afterSend(record: FakeSentMessage): void {
    if (!webhookUrl) return;
    if (record.failure) {
      const failure = record.failure;
      track(emitStatusRun(record.wamid, [{ status: 'failed', at: clock.now(), errors: [failure] }]));
      return;
    }
    if (autoStatuses === false) return;
    const auto = autoStatuses;
    const chain: FakeStatusName[] = ['sent'];
    const upTo = auto.upTo ?? 'delivered';
    if (upTo !== 'sent' && !auto.skipDelivered) chain.push('delivered');
    if (upTo === 'read') chain.push('read');
    const step = auto.stepMs ?? 1000;
    let run = chain.map((status, i) => ({ status, at: record.at + i * step }));
    if (auto.order === 'reversed') run = run.reverse();
    if (auto.duplicate) run = run.flatMap((s) => [s, s]);
    track(emitStatusRun(record.wamid, run));
  }

  async function emitStatusRun(wamid: string, run: Array<{ status: FakeStatusName; at: number; errors?: FakeStatusError[] }>): Promise<void> {
    for (const s of run) {
      if (life.signal.aborted) return;
      await emit([statusEvent(wamid, s.status, { timestamp: s.at, errors: s.errors })]);
    }
  }

  function listTemplates(query: Record<string, string>): Reply {
    const fields = query.fields ? query.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
    const unknown = fields?.find((f) => !TEMPLATE_FIELDS.has(f));
    if (unknown) throw invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (WhatsAppBusinessMessageTemplate)`);
    const limit = Math.max(1, Math.min(Number(query.limit) || 25, 1000));
    let list = templates.filter((t) => (!query.status || t.status === query.status.toUpperCase()) && (!query.name || t.name.includes(query.name)));
    const start = query.after ? decodeCursor(query.after) : 0;
    const pageItems = list.slice(start, start + limit);
    const data = pageItems.map((t) => {
      const full = templateJson(t);
      return fields ? pick(full, fields) : full;
    });
    list = list.slice(start + limit);
    const paging: Record<string, unknown> = {
      cursors: { before: encodeCursor(start), after: encodeCursor(start + pageItems.length) },
    };
    if (list.length > 0) {
      const next = new URL(`${origin}/${version}/${wabaId}/message_templates`);
      for (const [k, v] of Object.entries(query)) if (k !== 'access_token') next.searchParams.set(k, v);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', encodeCursor(start + pageItems.length));
      paging.next = next.toString();
    }
    return { status: 200, json: pageItems.length ? { data, paging } : { data } };
  }

  function templateJson(t: FakeTemplate): Record<string, unknown> {
    const components: Array<Record<string, unknown>> = [];
    if (t.header !== undefined) components.push({ type: 'HEADER', format: 'TEXT', text: t.header });
    const bodyComponent: Record<string, unknown> = { type: 'BODY', text: t.body };
    const count = placeholders(t.body);
    if (count) bodyComponent.example = { body_text: [Array.from({ length: count }, (_, i) => `example ${i + 1}`)] };
    components.push(bodyComponent);
    if (t.footer !== undefined) components.push({ type: 'FOOTER', text: t.footer });
    return {
      name: t.name,
      parameter_format: 'POSITIONAL',
      components,
      language: t.language,
      status: t.status,
      category: t.category,
      id: t.id,
    };
  }

  function readPhoneNumber(fieldsParam: string | undefined): Reply {
    const fields = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()).filter(Boolean) : ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput', 'id'];
    const unknown = fields.find((f) => !PHONE_FIELDS.has(f));
    if (unknown) throw invalidParam(`Tried accessing nonexisting field (${unknown}) on node type (WhatsAppBusinessPhoneNumber)`);
    const node = {
      id: phoneNumberId,
      verified_name: verifiedName,
      display_phone_number: formatDisplayNumber(displayPhoneNumber),
      code_verification_status: 'VERIFIED',
      quality_rating: 'GREEN',
      platform_type: 'CLOUD_API',
      throughput: { level: 'STANDARD' },
      name_status: 'APPROVED',
      messaging_limit_tier: 'TIER_1K',
    };
    return { status: 200, json: pick(node, fields) };
  }

  function mediaNode(method: string, id: string, query: Record<string, string>): Reply {
    const item = media.get(id)!;
    if (item.deleted) throw unsupported(method, id);
    if (query.phone_number_id !== undefined && query.phone_number_id !== phoneNumberId) {
      throw invalidParam('Param phone_number_id does not own this media.', `Media ${id} does not belong to phone number ${query.phone_number_id}.`);
    }
    if (method === 'DELETE') {
      item.deleted = true;
      return { status: 200, json: { success: true } };
    }
    if (method !== 'GET') throw unsupported(method, id);
    return {
      status: 200,
      json: {
        messaging_product: 'whatsapp',
        url: mediaUrl(id),
        mime_type: item.mimeType,
        sha256: item.sha256,
        file_size: String(item.bytes.length),
        id,
      },
    };
  }

  function download(method: string, params: URLSearchParams, bearer: string | undefined): Reply {
    if (method !== 'GET') return { status: 405, text: 'Method Not Allowed' };
    // Step 2 needs the token in the Authorization header; a plain GET (a browser, a proxy) fails.
    if (!bearer || bearer !== token || tokenExpired) return { status: 401, text: 'Unauthorized' };
    const grant = mediaUrls.get(params.get('hash') ?? '');
    const item = grant && grant.mediaId === params.get('mid') ? media.get(grant.mediaId) : undefined;
    if (!grant || !item || item.deleted || clock.now() > grant.expiresAt) return { status: 404, text: 'Not Found' };
    return { status: 200, bytes: item.bytes, headers: { 'content-type': item.mimeType } };
  }

  // ------------------------------------------------------------------------- Webhooks

  function messageEvent(waId: string, content: FakeInboundContent, opts: InboundOptions = {}): FakeWhatsAppEvent {
    const customer = customerFor(waId);
    const c: Exclude<FakeInboundContent, string> = typeof content === 'string' ? { type: 'text', body: content } : content;
    const message: Record<string, unknown> = {};
    if (!opts.bsuid) message.from = customer.waId;
    else message.from_user_id = customer.userId;
    message.id = opts.id ?? newWamid();
    message.timestamp = seconds(opts.timestamp ?? clock.now());
    if (opts.replyTo) message.context = { from: displayPhoneNumber, id: opts.replyTo };

    switch (c.type) {
      case 'text':
        message.type = 'text';
        message.text = { body: c.body };
        break;
      case 'voice':
      case 'image':
      case 'video':
      case 'audio':
      case 'document':
      case 'sticker': {
        const voice = c.type === 'voice' || (c.type === 'audio' && c.voice === true);
        const type = c.type === 'voice' ? 'audio' : c.type;
        const mimeType = ('mimeType' in c && c.mimeType) || DEFAULT_MIME[voice ? 'voice' : type];
        const item =
          (c.mediaId && media.get(c.mediaId)) ||
          addMedia({ id: c.mediaId, bytes: c.bytes ?? `fake ${type} bytes ${randomBytes(4).toString('hex')}`, mimeType });
        const payload: Record<string, unknown> = { mime_type: item.mimeType, sha256: item.sha256, id: item.id };
        if (type === 'audio') {
          payload.voice = voice;
          payload.url = mediaUrl(item.id);
        }
        if (type === 'sticker') payload.animated = false;
        if ('caption' in c && c.caption !== undefined) payload.caption = c.caption;
        if (type === 'document') payload.filename = ('filename' in c && c.filename) || 'document.pdf';
        message.type = type;
        message[type] = payload;
        break;
      }
      case 'location': {
        const location: Record<string, unknown> = { latitude: c.latitude, longitude: c.longitude };
        if (c.name !== undefined) location.name = c.name;
        if (c.address !== undefined) location.address = c.address;
        message.type = 'location';
        message.location = location;
        break;
      }
      case 'contacts':
        message.type = 'contacts';
        message.contacts = c.contacts.map((card) => {
          const [first, ...rest] = card.name.split(' ');
          const phone: Record<string, unknown> = { phone: card.phone, type: 'CELL' };
          if (card.waId) phone.wa_id = card.waId;
          return { name: { formatted_name: card.name, first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) }, phones: [phone] };
        });
        break;
      case 'button_reply':
      case 'list_reply': {
        const reply: Record<string, unknown> = { id: c.id, title: c.title };
        if (c.type === 'list_reply' && c.description !== undefined) reply.description = c.description;
        message.type = 'interactive';
        message.interactive = { type: c.type, [c.type]: reply };
        break;
      }
      case 'button':
        message.type = 'button';
        message.button = { payload: c.payload ?? c.text, text: c.text };
        break;
      case 'reaction':
        message.type = 'reaction';
        message.reaction = { message_id: c.messageId, emoji: c.emoji };
        break;
      case 'unsupported':
        message.type = 'unsupported';
        message.errors = [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ];
        message.unsupported = { type: c.unsupportedType ?? 'poll_creation' };
        break;
      case 'custom':
        Object.assign(message, c.message);
        break;
    }

    const contact: Record<string, unknown> = { profile: { name: customer.name } };
    if (customer.username) (contact.profile as Record<string, unknown>).username = customer.username;
    if (!opts.bsuid) contact.wa_id = customer.waId;
    if (opts.bsuid || customer.username) contact.user_id = customer.userId;
    return { kind: 'message', waId: customer.waId, contact, message };
  }

  function statusEvent(wamid: string, status: FakeStatusName, opts: StatusOptions = {}): FakeWhatsAppEvent {
    const record = sent.find((s) => s.wamid === wamid);
    const waId = record?.waId ?? (opts.recipient ? digits(opts.recipient) : undefined);
    if (!waId) throw new Error(`fake whatsapp: unknown wamid ${wamid}; pass options.recipient`);
    const at = opts.timestamp ?? clock.now();
    const value: Record<string, unknown> = { id: wamid, status, timestamp: seconds(at), recipient_id: waId };
    if (record?.callbackData !== undefined) value.biz_opaque_callback_data = record.callbackData;
    if (status === 'failed') {
      const errors = opts.errors ?? (record?.failure ? [record.failure] : [statusError('undeliverable')]);
      value.errors = errors.map((e) => ({
        code: e.code,
        title: e.title,
        message: e.message ?? e.title,
        ...(e.details !== undefined ? { error_data: { details: e.details } } : {}),
      }));
    } else {
      const category = record?.template ? (templates.find((t) => t.name === record.template!.name)?.category ?? 'UTILITY').toLowerCase() : 'service';
      value.pricing = { billable: category !== 'service', pricing_model: 'PMP', category };
    }
    return { kind: 'status', waId, status: value };
  }

  function noteEvents(list: FakeWhatsAppEvent[]): void {
    for (const e of list) {
      if (e.kind === 'message') {
        // Any inbound message (replies, taps, reactions) opens the window on Meta's side, whether or not we hear of it.
        const type = String(e.message.type);
        if (type === 'system') continue;
        const at = Number(e.message.timestamp) * 1000;
        const customer = customerFor(e.waId);
        if (Number.isFinite(at)) customer.lastInboundAt = Math.max(customer.lastInboundAt ?? -Infinity, at);
        const wamid = String(e.message.id);
        if (!inbound.some((m) => m.wamid === wamid)) inbound.push({ wamid, waId: e.waId, type, at, markedRead: false });
      } else {
        const record = sent.find((s) => s.wamid === e.status.id);
        const status = e.status.status as FakeStatusName;
        if (!record) continue;
        record.statuses.push(status);
        const rank = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;
        if (record.status !== 'failed' && (record.status === undefined || rank[status] > rank[record.status])) record.status = status;
      }
    }
  }

  function buildPayload(list: FakeWhatsAppEvent[], opts: EmitOptions): Record<string, unknown> {
    const metadata = { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId };
    const changes: Array<{ field: string; value: Record<string, unknown> }> = [];
    let current: { kind: FakeWhatsAppEvent['kind']; value: Record<string, unknown> } | undefined;
    for (const e of list) {
      if (!current || current.kind !== e.kind || opts.separateChanges) {
        const value: Record<string, unknown> = { messaging_product: 'whatsapp', metadata };
        if (e.kind === 'message') {
          value.contacts = [];
          value.messages = [];
        } else {
          value.statuses = [];
        }
        current = { kind: e.kind, value };
        changes.push({ field: 'messages', value });
      }
      if (e.kind === 'message') {
        const contacts = current.value.contacts as Array<Record<string, unknown>>;
        if (!contacts.some((c) => sameContact(c, e.contact))) contacts.push(e.contact);
        (current.value.messages as unknown[]).push(e.message);
      } else {
        (current.value.statuses as unknown[]).push(e.status);
      }
    }
    changes.push(...(opts.extraChanges ?? []));
    const entry = opts.separateEntries ? changes.map((change) => ({ id: wabaId, changes: [change] })) : [{ id: wabaId, changes }];
    return { object: 'whatsapp_business_account', entry };
  }

  async function emit(list: FakeWhatsAppEvent[], opts: EmitOptions = {}): Promise<WebhookDelivery> {
    const url = opts.webhookUrl ?? webhookUrl;
    noteEvents(list);
    const delivery: WebhookDelivery = {
      url,
      ...signPayload(buildPayload(list, opts), opts.appSecret ?? options.appSecret),
      events: list,
      attempts: [],
      ok: false,
    };
    webhooks.push(delivery);
    if (!url) throw new Error('fake whatsapp: no webhookUrl configured');
    await outbox.post(delivery);
    return delivery;
  }

  function statusError(preset: FakeWhatsAppErrorName | FakeStatusError): FakeStatusError {
    if (typeof preset !== 'string') return preset;
    const e: ScriptedFailure = fakeWhatsAppErrors[preset];
    const title = (e.message ?? 'Scripted failure').replace(/^\(#\d+\)\s*/, '');
    return { code: e.code ?? 131000, title, message: title, details: e.details };
  }

  // ------------------------------------------------------------------------- Server

  const server = await serveLocally(handle);
  const origin = server.origin;

  return {
    url: `${origin}/${version}`,
    origin,
    appSecret: options.appSecret,
    token,
    phoneNumberId,
    displayPhoneNumber,
    verifiedName,
    wabaId,
    customers,
    templates,
    media,
    calls,
    sent,
    inbound,
    webhooks,
    clock,
    addCustomer,
    addTemplate,
    addMedia,
    mediaUrl,
    expireToken: () => {
      tokenExpired = true;
    },
    restoreToken: () => {
      tokenExpired = false;
    },
    failNext: graph.failNext,
    clearFailures: graph.clearFailures,
    setAutoStatuses: (value) => {
      autoStatuses = value;
    },
    setWindowMode: (mode) => {
      windowMode = mode;
    },
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    events: { message: messageEvent, status: statusEvent },
    emit: (list, opts) => track(emit(list, opts)),
    customerSends: (waId, content, opts) => track(emit([messageEvent(waId, content, opts)])),
    sendStatus: (wamid, status, opts) => track(emit([statusEvent(wamid, status, opts)])),
    sendStatuses: (wamid, statuses, opts = {}) =>
      track(
        (async () => {
          const record = sent.find((s) => s.wamid === wamid);
          const start = record?.at ?? clock.now();
          const step = opts.stepMs ?? 1000;
          const rank: Record<FakeStatusName, number> = { sent: 0, delivered: 1, read: 2, failed: 3 };
          const deliveries: WebhookDelivery[] = [];
          // Each status keeps the timestamp of when it happened, whatever order it is sent in.
          for (const status of statuses) deliveries.push(await emit([statusEvent(wamid, status, { timestamp: start + rank[status] * step })]));
          return deliveries;
        })(),
      ),
    failMessage: (wamid, error = 'undeliverable') => track(emit([statusEvent(wamid, 'failed', { errors: [statusError(error)] })])),
    redeliver: (delivery) => track(outbox.deliver({ ...delivery, attempts: [], ok: false })),
    verifyWebhook: (verifyToken, opts = {}) =>
      verifyWebhookUrl(opts.webhookUrl ?? webhookUrl, verifyToken, { timeoutMs: options.webhookTimeoutMs, who: 'fake whatsapp' }),
    idle,
    stop: () => life.shutdown(server),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const MB = 1024 * 1024;
const UPLOAD_LIMITS = [
  { name: 'an image', types: /^image\/(jpeg|png)$/, max: 5 * MB },
  { name: 'a sticker', types: /^image\/webp$/, max: 500 * 1024 },
  { name: 'audio', types: /^audio\/(aac|amr|mpeg|mp4|ogg)$/, max: 16 * MB },
  { name: 'a video', types: /^video\/(mp4|3gpp)$/, max: 16 * MB },
  { name: 'a document', types: /^(application|text)\//, max: 100 * MB },
];

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/** `15550783881` → `+1 555-078-3881` (US style, the way Meta shows test numbers). */
function formatDisplayNumber(number: string): string {
  const m = /^1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return m ? `+1 ${m[1]}-${m[2]}-${m[3]}` : `+${number}`;
}

function placeholders(text: string): number {
  return new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1])).size;
}

function encodeCursor(index: number): string {
  return Buffer.from(String(index)).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function sameContact(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (a.wa_id !== undefined && a.wa_id === b.wa_id) || (a.user_id !== undefined && a.user_id === b.user_id);
}
