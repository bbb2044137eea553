/**
 * What the Graph API fakes (meta-graph.ts for Messenger, instagram-graph.ts, whatsapp-cloud.ts)
 * share: Graph's error envelope and GraphFault, scripted failures (`failNext`), reading a request
 * (version prefix, token, JSON / form / multipart body) into a recorded call, and writing the
 * answer; plus helpers of the Messenger Platform that Messenger and Instagram both follow.
 *
 *   const graph = createGraphKit<ScriptedFailure, FakeGraphErrorName>({ presets: fakeGraphErrors, signal, clock, bodies: { form: true } });
 *   // in the request handler:
 *   const { request, call } = await graph.receive(req);
 *   graph.finish(res, call, await graph.answer(request, () => route(request)));
 *   // in the fake: failNext: graph.failNext, calls: graph.calls
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metaJsonStringify } from '../../channels/meta/meta-json';
import { describeUploads, maybeJson, parseMultipart, parseUrlEncoded, readBody, sleep, type FakeClock } from './fake-utils';

// ---------------------------------------------------------------------------------------------
// Errors

export interface GraphFaultOptions {
  /** `error.error_subcode`. */
  subcode?: number;
  /** `error.type` (default `OAuthException`). */
  type?: string;
  /** WhatsApp's `error.error_data.details`. */
  details?: string;
}

/** An answer in Graph's error envelope, thrown by a fake's route handlers. */
export class GraphFault extends Error {
  readonly subcode?: number;
  readonly type: string;
  readonly details?: string;

  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    options: GraphFaultOptions = {},
  ) {
    super(message);
    this.subcode = options.subcode;
    this.type = options.type ?? 'OAuthException';
    this.details = options.details;
  }
}

/** Graph's answer for an id that does not exist or cannot be used that way (100/33). */
export const unsupported = (method: string, id: string, note = '') =>
  new GraphFault(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.${note}`,
    { subcode: 33, type: 'GraphMethodException' },
  );

/** Graph's answer for a bad parameter (Messenger and Instagram; WhatsApp adds `details`). */
export const invalidParam = (message: string) => new GraphFault(400, 100, `(#100) ${message}`);

/** The fields of `{ error: {...} }`, in the order Graph writes them. */
export interface GraphErrorFields {
  message: string;
  type?: string;
  isTransient?: boolean;
  code: number | undefined;
  subcode?: number;
  details?: string;
}

/** How `details` appear in the envelope: WhatsApp puts them in `error_data`; Messenger has none. */
export type ErrorDataFormat = (details: string) => Record<string, unknown>;

function errorEnvelope(fields: GraphErrorFields, errorData?: ErrorDataFormat): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { message: fields.message, type: fields.type ?? 'OAuthException' };
  if (fields.isTransient !== undefined) error.is_transient = fields.isTransient;
  error.code = fields.code;
  if (fields.subcode !== undefined) error.error_subcode = fields.subcode;
  if (fields.details !== undefined && errorData) error.error_data = errorData(fields.details);
  error.fbtrace_id = randomBytes(9).toString('base64url');
  return { error };
}

function faultReply(fault: GraphFault, errorData?: ErrorDataFormat): GraphReply {
  const fields = { message: fault.message, type: fault.type, code: fault.code, subcode: fault.subcode, details: fault.details };
  return { status: fault.status, json: errorEnvelope(fields, errorData) };
}

// ---------------------------------------------------------------------------------------------
// Scripted failures

export interface GraphScriptedFailure {
  /** Graph error code; with `subcode`, `message` and `type` it makes the standard error envelope. */
  code?: number;
  subcode?: number;
  status?: number;
  message?: string;
  type?: string;
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

/** A scripted failure of the Messenger Platform (Messenger, Instagram), which may say it is transient. */
export interface MessagingScriptedFailure extends GraphScriptedFailure {
  isTransient?: boolean;
}

/** Failures Messenger and Instagram answer alike, with Meta's codes and wording (`badGateway` serves WhatsApp too). */
export const graphErrors = {
  tokenExpired: {
    status: 400,
    code: 190,
    subcode: 463,
    type: 'OAuthException',
    message: 'Error validating access token: Session has expired on Friday, 12-Jun-26 10:00:00 PDT.',
  },
  tokenInvalid: { status: 400, code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' },
  rateLimitCalls: { status: 400, code: 613, type: 'OAuthException', message: '(#613) Calls to this api have exceeded the rate limit.' },
  unexpected: {
    status: 500,
    code: 2,
    type: 'OAuthException',
    isTransient: true,
    message: 'An unexpected error has occurred. Please retry your request later.',
  },
  serverError: { status: 500, rawBody: '' },
  badGateway: { status: 502, rawBody: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
} satisfies Record<string, MessagingScriptedFailure>;

/** Messenger's rendering of a scripted failure: the message defaults to `(#code) Scripted failure`. */
function messagingScriptedError(failure: MessagingScriptedFailure): GraphErrorFields {
  return {
    message: failure.message ?? `(#${failure.code}) Scripted failure`,
    type: failure.type,
    isTransient: failure.isTransient,
    code: failure.code,
    subcode: failure.subcode,
  };
}

function scriptedReply<F extends GraphScriptedFailure>(
  failure: F,
  describe: (failure: F) => GraphErrorFields = messagingScriptedError,
  errorData?: ErrorDataFormat,
): GraphReply {
  const headers: Record<string, string> = {};
  if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
  if (failure.rawBody !== undefined) return { status: failure.status ?? 500, text: failure.rawBody, headers };
  return { status: failure.status ?? 400, json: errorEnvelope(describe(failure), errorData), headers };
}

/** A queue of scripted failures, each used for up to `times` matching calls. */
function createFailureScript<F extends GraphScriptedFailure, N extends string>(
  presets: Record<N, F>,
  applies?: (failure: F, method: string, path: string) => boolean,
) {
  const failures: Array<{ failure: F; remaining: number }> = [];
  return {
    add(failure: F | N, times = 1): void {
      failures.push({ failure: typeof failure === 'string' ? presets[failure] : failure, remaining: times });
    },
    clear(): void {
      failures.length = 0;
    },
    /** The first failure matching this call, counted as used. */
    take(method: string, path: string): F | undefined {
      const index = failures.findIndex(({ failure }) => {
        const match = failure.match;
        if (match?.method && match.method.toUpperCase() !== method) return false;
        if (match?.path instanceof RegExp && !match.path.test(path)) return false;
        if (typeof match?.path === 'string' && match.path !== path) return false;
        return applies ? applies(failure, method, path) : true;
      });
      if (index < 0) return undefined;
      const slot = failures[index];
      if (--slot.remaining <= 0) failures.splice(index, 1);
      return slot.failure;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Requests and answers

export interface GraphReply {
  status: number;
  json?: unknown;
  text?: string;
  bytes?: Buffer;
  headers?: Record<string, string>;
  /** Runs once the answer has been written (webhooks that follow a send). */
  after?: () => void;
}

export interface GraphRecordedCall {
  method: string;
  /** Path without the version prefix, e.g. `/me/messages`. */
  path: string;
  version?: string;
  query: Record<string, string>;
  /** Parsed JSON / form / multipart body; undefined for an empty body, the raw text if it wasn't parseable. */
  body: unknown;
  /** The access token: `access_token` query parameter or Bearer header. */
  token?: string;
  status: number;
  response: unknown;
  /** Fake-clock ms when the call arrived. */
  at: number;
}

/** A call as routed: its parsed body keeps uploads whole. */
export interface GraphRequest extends Pick<GraphRecordedCall, 'method' | 'path' | 'version' | 'query' | 'body' | 'token'> {
  url: URL;
}

export interface GraphBodyOptions {
  /** Parse multipart/form-data (file parts become UploadedFile). */
  multipart?: boolean;
  /** Decode JSON-looking text parts of a multipart body (default true). */
  multipartJsonFields?: boolean;
  /** Parse application/x-www-form-urlencoded (values that look like JSON are decoded). */
  form?: boolean;
}

/** JSON bodies, and as configured form-encoded ones and multipart ones; anything unparseable stays raw text. */
async function parseGraphBody(raw: Buffer, contentType: string | undefined, options: GraphBodyOptions): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (options.multipart && contentType?.toLowerCase().includes('multipart/form-data')) {
    try {
      return await parseMultipart(raw, contentType, options.multipartJsonFields === false ? undefined : maybeJson);
    } catch {
      // not multipart after all: the raw text, which no endpoint accepts
      return raw.toString('utf8');
    }
  }
  const text = raw.toString('utf8');
  if (options.form && contentType?.includes('application/x-www-form-urlencoded')) return parseUrlEncoded(text);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export interface GraphKitOptions<F extends GraphScriptedFailure, N extends string> {
  /** Ready-made failures `failNext` takes by name. */
  presets: Record<N, F>;
  /** The fake's life: cuts scripted delays short when it stops. */
  signal: AbortSignal;
  clock: FakeClock;
  bodies: GraphBodyOptions;
  /** Prefer the Bearer header over `access_token` (WhatsApp); default the query parameter first. */
  bearerFirst?: boolean;
  /** Keep upload bytes out of `calls` (summarised as `{ fileName, mimeType, size }`). */
  describeUploads?: boolean;
  /** A further condition for a scripted failure to apply to a call. */
  applies?: (failure: F, method: string, path: string) => boolean;
  /** Whether a failure taken for a call answers instead of the route (default: it has a code or a raw body). */
  answers?: (failure: F) => boolean;
  /** How a scripted failure becomes the error object (default Messenger's). */
  scriptedError?: (failure: F) => GraphErrorFields;
  errorData?: ErrorDataFormat;
  /** Content type of text answers (default `text/html; charset=UTF-8`). */
  textType?: string;
  /** Text answers: `textType` overrides a reply's own content-type header (default: the reply's wins). */
  textTypeWins?: boolean;
}

const answersByDefault = (failure: GraphScriptedFailure) => failure.code !== undefined || failure.rawBody !== undefined;

/** One fake's Graph plumbing, set up for its dialect of errors and bodies. */
export function createGraphKit<F extends GraphScriptedFailure, N extends string>(options: GraphKitOptions<F, N>) {
  const calls: GraphRecordedCall[] = [];
  const failures = createFailureScript(options.presets, options.applies);
  const answers = options.answers ?? answersByDefault;
  const textType = options.textType ?? 'text/html; charset=UTF-8';

  /** Reads a request and records it as a call (status 0 until `finish`). */
  async function receive(req: IncomingMessage): Promise<{ request: GraphRequest; call: GraphRecordedCall }> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const versionMatch = /^\/(v\d+\.\d+)(\/.*)?$/.exec(url.pathname);
    const path = versionMatch ? (versionMatch[2] ?? '/') : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const method = req.method ?? 'GET';
    const body = await parseGraphBody(raw, req.headers['content-type'], options.bodies);
    const bearer = bearerToken(req.headers.authorization);
    const token = options.bearerFirst ? (bearer ?? query.access_token) : (query.access_token ?? bearer);
    const version = versionMatch?.[1];
    const call: GraphRecordedCall = {
      method,
      path,
      version,
      query,
      body: options.describeUploads ? describeUploads(body) : body,
      token,
      status: 0,
      response: undefined,
      at: options.clock.now(),
    };
    calls.push(call);
    return { request: { url, method, path, version, query, body, token }, call };
  }

  /**
   * Applies the first matching scripted failure (its delay, then its answer), else routes the call;
   * the route gets the failure when it did not answer (e.g. a delay alone). A GraphFault thrown
   * by the route becomes Graph's envelope; any other exception is a bug in the fake, and says so
   * rather than pass for Meta's code 1.
   */
  async function answer(request: Pick<GraphRequest, 'method' | 'path'>, route: (failure: F | undefined) => Promise<GraphReply>): Promise<GraphReply> {
    const failure = failures.take(request.method, request.path);
    if (failure?.delayMs) await sleep(failure.delayMs, options.signal).catch(() => undefined);
    if (failure && answers(failure)) return scriptedReply(failure, options.scriptedError, options.errorData);
    try {
      return await route(failure);
    } catch (error) {
      const fault = error instanceof GraphFault ? error : new GraphFault(500, 1, `An unknown error occurred (fake bug: ${String(error)})`);
      return faultReply(fault, options.errorData);
    }
  }

  /** Records the answer on the call and writes it (JSON in Meta's escaping, bytes, or text). */
  function finish(res: ServerResponse, call: GraphRecordedCall, reply: GraphReply): void {
    call.status = reply.status;
    call.response = reply.json ?? reply.text ?? (reply.bytes ? `<${reply.bytes.length} bytes>` : undefined);
    if (res.destroyed) return;
    const headers: Record<string, string> = { 'x-fb-trace-id': randomBytes(8).toString('base64url'), ...reply.headers };
    if (reply.after) res.once('finish', reply.after);
    if (reply.json !== undefined) {
      res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
      res.end(metaJsonStringify(reply.json));
    } else if (reply.bytes) {
      res.writeHead(reply.status, { 'content-length': String(reply.bytes.length), ...headers });
      res.end(reply.bytes);
    } else {
      const type = { 'content-type': textType };
      res.writeHead(reply.status, options.textTypeWins ? { ...headers, ...type } : { ...type, ...headers });
      res.end(reply.text ?? '');
    }
  }

  return {
    calls,
    failNext: failures.add,
    clearFailures: failures.clear,
    receive,
    answer,
    finish,
  };
}

// ---------------------------------------------------------------------------------------------
// Graph node helpers

/** Query parameters as call parameters: without the credentials, JSON-looking values decoded. */
export function withoutAuth(query: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'access_token' && key !== 'appsecret_proof') params[key] = maybeJson(value);
  }
  return params;
}

/** The requested fields of a node that has them; Graph always answers with the node id. */
export function pick(source: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) if (source[field] !== undefined) result[field] = source[field];
  result.id = source.id;
  return result;
}

/** A CDN behind profile picture links: no token, a PNG for a known person, else 404. */
export function servePicture(res: ServerResponse, call: GraphRecordedCall, found: boolean, png: Buffer): void {
  call.status = found ? 200 : 404;
  if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.byteLength) }).end(png);
}

/** A real 1x1 PNG: the picture behind every profile picture link the fakes hand out. */
export const FAKE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// ---------------------------------------------------------------------------------------------
// Messenger Platform (Messenger and Instagram)

/** `subscribed_fields` of `POST /{page}/subscribed_apps`: a list or a comma-separated string of field names. */
export function subscribedFieldsParam(raw: unknown): Set<string> {
  const fields = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
  if (!fields || fields.length === 0) throw invalidParam('The parameter subscribed_fields is required');
  if (!fields.every((f) => typeof f === 'string' && /^[a-z_]+$/.test(f.trim()))) {
    throw invalidParam('Param subscribed_fields must be a list of webhook field names');
  }
  return new Set(fields.map((f) => String(f).trim()));
}

/**
 * `/{page}/subscribed_apps`: GET lists the app (`app`, plus its fields) when subscribed, DELETE
 * unsubscribes, POST subscribes to `subscribed_fields` and calls `subscribed`.
 */
export function subscribedAppsEdge(
  method: string,
  pageId: string,
  page: { subscribedFields: Set<string> },
  params: Record<string, unknown>,
  app: Record<string, unknown>,
  subscribed: () => void,
): GraphReply {
  if (method === 'GET') {
    const data = page.subscribedFields.size ? [{ ...app, subscribed_fields: [...page.subscribedFields] }] : [];
    return { status: 200, json: { data } };
  }
  if (method === 'DELETE') {
    page.subscribedFields.clear();
    return { status: 200, json: { success: true } };
  }
  if (method !== 'POST') throw unsupported(method, `${pageId}/subscribed_apps`);
  page.subscribedFields = subscribedFieldsParam(params.subscribed_fields);
  subscribed();
  return { status: 200, json: { success: true } };
}

const MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);

/** The Send API `messaging_type`. */
export function messagingTypeParam(value: unknown): string {
  if (typeof value !== 'string' || !MESSAGING_TYPES.has(value)) {
    throw invalidParam('Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
  }
  return value;
}

/** A Send API `sender_action` call's answer, or undefined when the call sends a message. */
export function senderAction(params: Record<string, unknown>, actions: Set<string>, recipientId: string): GraphReply | undefined {
  if (params.sender_action === undefined) return undefined;
  if (params.message !== undefined) throw invalidParam('Only one of message or sender_action can be specified');
  if (typeof params.sender_action !== 'string' || !actions.has(params.sender_action)) {
    throw invalidParam(`Param sender_action must be one of {${[...actions].join(', ')}}`);
  }
  return { status: 200, json: { recipient_id: recipientId } };
}

/** The Send API rule both platforms share for a message: text xor attachment, and a text is a non-empty string. */
export function checkTextOrAttachment(text: unknown, attachment: unknown): void {
  if ((text === undefined) === (attachment === undefined)) {
    throw invalidParam('Exactly one of message[text] or message[attachment] must be provided');
  }
  if (text !== undefined && (typeof text !== 'string' || text === '')) throw invalidParam('Param message[text] must be a non-empty UTF-8 string');
}

/** `message.metadata`: a string of fewer than 1000 characters. */
export function checkMetadata(metadata: unknown): void {
  if (metadata !== undefined && (typeof metadata !== 'string' || [...metadata].length >= 1000)) {
    throw invalidParam('Param message[metadata] must be a string of fewer than 1000 characters');
  }
}

/** Meta fetching an attachment URL itself; only a 200 with a body counts (100/2018008 [UNCONFIRMED code] otherwise). */
export async function fetchAttachment(url: string, signal: AbortSignal): Promise<{ response: Response; bytes: Uint8Array }> {
  const failed = () => new GraphFault(400, 100, '(#100) Failed to fetch the file from the url', { subcode: 2018008 });
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
  } catch {
    throw failed();
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200 || bytes.byteLength === 0) throw failed();
  return { response, bytes };
}

/**
 * Groups webhook events into `entry[]`: consecutive events of one id share an entry (unless
 * `separate`), under `messaging` or, for standby events, `standby`.
 */
export function groupEntries(
  events: Array<{ id: string; standby?: boolean; event: Record<string, unknown> }>,
  time: () => number,
  separate = false,
): Array<{ id: string; time: number; messaging?: unknown[]; standby?: unknown[] }> {
  const entry: Array<{ id: string; time: number; messaging?: unknown[]; standby?: unknown[] }> = [];
  for (const e of events) {
    const key = e.standby ? 'standby' : 'messaging';
    let last = entry[entry.length - 1];
    if (separate || !last || last.id !== e.id || !last[key]) {
      last = { id: e.id, time: time(), [key]: [] };
      entry.push(last);
    }
    last[key]!.push(e.event);
  }
  return entry;
}
