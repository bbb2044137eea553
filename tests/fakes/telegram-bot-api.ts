/**
 * A fake of the Telegram Bot API and of Telegram's webhook sender, served over real HTTP on
 * 127.0.0.1 (PLATFORMS.md E.4). Methods live under `/bot<TOKEN>/<method>` (case-insensitive, JSON,
 * form or multipart bodies, GET or POST), files under `/file/bot<TOKEN>/<file_path>`. Errors come
 * back in Telegram's `{ok:false,error_code,description,parameters}` envelope with Telegram's wording.
 *
 *   const tg = await startFakeTelegram();                                   // one bot: tg.bot.token
 *   // the app calls setWebhook({ url, secret_token }) against tg.url with tg.bot.token
 *   const d = await tg.userWrites(555000111, 'Hello!');                    // one Update per POST, with the secret header
 *   await tg.userWrites(555000111, { voice: { seconds: 3 } });             // real OGG/Opus bytes behind getFile
 *   await tg.redeliver(d);                                                 // same bytes, same update_id
 *   await tg.block(555000111);                                             // next sendMessage: 403 blocked by the user
 *   tg.failNext('tooManyRequests');                                        // next call: 429 with retry_after
 *   expect(tg.sent.at(-1)?.text).toBe('Hi!');
 *   await tg.stop();
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  createFakeClock,
  createFakeLifecycle,
  describeUploads,
  isObject,
  isUpload,
  maybeJson,
  parseMultipart,
  parseUrlEncoded,
  readBody,
  serveLocally,
  sleep,
  type UploadedFile,
} from './fake-utils';

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
const DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const PHOTO_LIMIT = 10 * 1024 * 1024;
const SECRET_CHARS = /^[A-Za-z0-9_-]*$/;
const TOKEN_SHAPE = /^\d+:[A-Za-z0-9_-]+$/;
/** What an empty `allowed_updates` list (or none ever set) means: everything but these three. */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
/** Method names a webhook answer may not call (PLATFORMS.md E.1); `get*` are ignored too. */
const NOT_FROM_WEBHOOK_REPLY = new Set(['setwebhook', 'deletewebhook', 'close', 'logout']);
const PARSE_MODES = new Set(['markdownv2', 'markdown', 'html']);
const VOICE_MIME = 'audio/ogg';

// ---------------------------------------------------------------------------------------------
// Public types

export interface FakeBotSpec {
  token?: string;
  id?: number;
  username?: string;
  firstName?: string;
}

export interface FakeWebhook {
  /** '' when no webhook is set. */
  url: string;
  secretToken?: string;
  /** As last given to setWebhook; undefined = never given (Telegram's default set applies). */
  allowedUpdates?: string[];
  maxConnections: number;
  /** True when the URL is plain http (real Telegram would refuse it; see `requireHttps`). */
  insecure: boolean;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface FakeBot {
  id: number;
  token: string;
  username: string;
  firstName: string;
  webhook: FakeWebhook;
  /** Updates not delivered yet: no webhook set, or the webhook kept failing. */
  pending: FakeUpdate[];
  /** Tokens revoked in @BotFather; they answer 401. */
  revokedTokens: Set<string>;
}

export interface FakeUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  /** A deleted account: sends answer 403 "user is deactivated". */
  deactivated: boolean;
  /** The user has a profile photo: getChat returns its file ids (downloadable via getFile). */
  hasPhoto: boolean;
}

/** The private chat between one bot and one user. */
export interface FakeChat {
  botId: number;
  user: FakeUser;
  /** The user pressed Start (or wrote); before that a bot can't message them. */
  started: boolean;
  /** The user blocked the bot. */
  blocked: boolean;
  nextMessageId: number;
  /** Every message in the chat by message_id, both directions. */
  messages: Map<number, Record<string, unknown>>;
}

export interface FakeFile {
  fileId: string;
  fileUniqueId: string;
  /** file_ids are usable only by the bot that received or sent them. */
  botId: number;
  filePath: string;
  size: number;
  bytes: Uint8Array;
  mimeType?: string;
}

export type FakeUpdate = { update_id: number } & Record<string, unknown>;

export interface RecordedCall {
  botId?: number;
  token: string;
  /** The method name as called (any case). */
  method: string;
  httpMethod: string;
  /** Query, JSON, form or multipart parameters merged; uploads appear as `{ fileName, mimeType, size }`. */
  params: Record<string, unknown>;
  status: number;
  response: unknown;
  /** `webhook-reply` when the call came as a method in a webhook's 2xx answer. */
  via: 'http' | 'webhook-reply';
  at: number;
}

export interface SentTelegramMessage {
  botId: number;
  chatId: number;
  messageId: number;
  /** `${chat.id}:${message_id}`, what the client returns as providerMessageId. */
  providerMessageId: string;
  kind: 'text' | 'photo' | 'document' | 'audio' | 'voice' | 'video';
  text?: string;
  caption?: string;
  parseMode?: string;
  replyToMessageId?: number;
  disableNotification?: boolean;
  file?: { source: 'url' | 'file_id' | 'upload'; url?: string; fileId: string; fileName?: string; mimeType?: string; bytes?: Uint8Array };
  /** The Message object returned to the caller. */
  message: Record<string, unknown>;
  via: 'http' | 'webhook-reply';
  at: number;
}

export interface ScriptedTelegramFailure {
  error_code?: number;
  description?: string;
  retry_after?: number;
  migrate_to_chat_id?: number;
  /** HTTP status; defaults to error_code. */
  status?: number;
  /** Answer this text verbatim instead of an envelope (proxy HTML, empty bodies). */
  rawBody?: string;
  /** Wait before answering; alone it makes a slow call that still takes effect. */
  delayMs?: number;
  /** Only calls to this method (case-insensitive) are affected; 'download' targets file downloads, which are otherwise untouched. */
  method?: string | RegExp;
}

/** Ready-made failures for `failNext`, worded as the Bot API words them. */
export const fakeTelegramErrors = {
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  deactivated: { error_code: 403, description: 'Forbidden: user is deactivated' },
  cantInitiate: { error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" },
  chatNotFound: { error_code: 400, description: 'Bad Request: chat not found' },
  tooLong: { error_code: 400, description: 'Bad Request: message is too long' },
  fileTooBig: { error_code: 400, description: 'Bad Request: file is too big' },
  wrongFileId: { error_code: 400, description: 'Bad Request: wrong file_id or the file is temporarily unavailable' },
  tooManyRequests: { error_code: 429, description: 'Too Many Requests: retry after 5', retry_after: 5 },
  unauthorized: { error_code: 401, description: 'Unauthorized' },
  serverError: { error_code: 500, description: 'Internal Server Error' },
  badGateway: { status: 502, rawBody: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n' },
} satisfies Record<string, ScriptedTelegramFailure>;

export type FakeTelegramErrorName = keyof typeof fakeTelegramErrors;

export interface PhotoSpec {
  width?: number;
  height?: number;
  /** Bytes of the largest size; fake JPEG bytes otherwise. */
  bytes?: Uint8Array;
}

/** What a user sends. A string is a text message. */
export type FakeUserContent =
  | string
  | {
      text?: string;
      caption?: string;
      photo?: true | PhotoSpec;
      /** A voice note: OGG/Opus (silence of `seconds`, default 2) unless bytes are given. */
      voice?: true | { seconds?: number; bytes?: Uint8Array };
      audio?: { seconds?: number; fileName?: string; mimeType?: string; title?: string; performer?: string; bytes?: Uint8Array };
      document?: { fileName: string; mimeType?: string; bytes?: Uint8Array | string; /** Declared size without bytes (e.g. 25 MB). */ size?: number };
      video?: { seconds?: number; width?: number; height?: number; fileName?: string; mimeType?: string; bytes?: Uint8Array };
      videoNote?: { seconds?: number; bytes?: Uint8Array };
      sticker?: true | { emoji?: string; animated?: boolean; video?: boolean };
      location?: { latitude: number; longitude: number; livePeriod?: number };
      contact?: { phoneNumber: string; firstName: string; lastName?: string; userId?: number };
      mediaGroupId?: string;
      replyToMessageId?: number;
    };

export interface UserWritesOptions {
  /** Which bot (id or token); the first one by default. */
  bot?: number | string;
  /** Override the secret header: a string sends that value, null sends no header. */
  secret?: string | null;
  /** Unix seconds; defaults to the fake clock. */
  date?: number;
  /** Put the message in another chat (a group or channel) instead of the private chat. */
  chat?: { id: number; type: 'group' | 'supergroup' | 'channel'; title?: string };
  /** Deliver to this URL instead of the registered one. */
  webhookUrl?: string;
}

export interface WebhookAttempt {
  status?: number;
  error?: string;
  /** Seconds asked for in Retry-After (already clamped to 0-3600). */
  retryAfterSeconds?: number;
  durationMs: number;
}

export interface FakeTelegramDelivery {
  botId: number;
  update: FakeUpdate;
  /** The message inside the update, when it carries one. */
  message?: Record<string, unknown>;
  url?: string;
  /** The exact bytes POSTed. */
  body: string;
  headers: Record<string, string>;
  attempts: WebhookAttempt[];
  ok: boolean;
  /** Not POSTed: no webhook was set (the update waits for getUpdates or a later webhook). */
  queued: boolean;
  /** Not generated at all: the update kind isn't in the bot's allowed_updates. */
  filtered: boolean;
  /** The Bot API call found in the 2xx answer body, if any, and what it returned. */
  replyCall?: { method: string; status: number; response: unknown; ignored: boolean };
}

export interface FakeTelegramOptions {
  bots?: FakeBotSpec[];
  /** Refuse http:// webhooks and odd ports as Telegram does; off by default because tests use http://127.0.0.1. */
  requireHttps?: boolean;
  /** A fixed clock (ms or Date) that only set/advance move; without it the clock follows real time. */
  now?: number | Date;
  /** Attempts per webhook delivery before the update stays pending. Default 3. */
  webhookAttempts?: number;
  /** First backoff between attempts, doubled each time. Default 100 ms. */
  webhookRetryDelayMs?: number;
  /** Milliseconds per second of a Retry-After answer (1000 = real time). Default 1000. */
  retryAfterUnitMs?: number;
  /** Default 10 s. */
  webhookTimeoutMs?: number;
  /** Execute a Bot API method found in a webhook's 2xx answer body, as Telegram does. Default true. */
  executeWebhookReplies?: boolean;
}

export interface FakeTelegram {
  /** API origin for TelegramClientConfig.apiUrl, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  bots: Map<number, FakeBot>;
  /** The first bot. */
  bot: FakeBot;
  users: Map<number, FakeUser>;
  files: Map<string, FakeFile>;
  calls: RecordedCall[];
  sent: SentTelegramMessage[];
  webhooks: FakeTelegramDelivery[];
  clock: { now(): number; set(time: number | Date): void; advance(ms: number): void };

  addBot(spec?: FakeBotSpec): FakeBot;
  addUser(spec?: Partial<Omit<FakeUser, 'deactivated' | 'hasPhoto'>> & { photo?: boolean }): FakeUser;
  /** The private chat of a user with a bot (created, not started, if new). */
  chat(userId: number, bot?: number | string): FakeChat;
  /** The user presses Start without a message being delivered (use userWrites(id, '/start') for the real thing). */
  start(userId: number, bot?: number | string): FakeChat;
  /** The user blocks the bot: sends answer 403, and a my_chat_member update goes out (if allowed). */
  block(userId: number, bot?: number | string): Promise<FakeTelegramDelivery>;
  unblock(userId: number, bot?: number | string): Promise<FakeTelegramDelivery>;
  /** The user deletes their account: sends answer 403 "user is deactivated". */
  deactivate(userId: number): void;
  /** Revokes the bot's token in @BotFather: the old one answers 401; returns the new token. */
  revokeToken(bot?: number | string): string;
  registerFile(spec: { bytes?: Uint8Array | string; size?: number; kind?: FileKind; fileName?: string; mimeType?: string; bot?: number | string }): FakeFile;
  failNext(failure: ScriptedTelegramFailure | FakeTelegramErrorName, times?: number): void;
  clearFailures(): void;

  /** A user writes to the bot: builds a message Update and POSTs it to the webhook. */
  userWrites(user: number | Partial<FakeUser>, content: FakeUserContent, options?: UserWritesOptions): Promise<FakeTelegramDelivery>;
  /** The user edits one of their messages (edited_message). */
  userEdits(user: number, messageId: number, text: string, options?: UserWritesOptions): Promise<FakeTelegramDelivery>;
  /** An album: one Update per item, all sharing a media_group_id; the caption rides on the first. */
  userSendsAlbum(user: number, items: Array<{ photo?: true | PhotoSpec; video?: { seconds?: number } }>, options?: UserWritesOptions & { caption?: string }): Promise<FakeTelegramDelivery[]>;
  /** An inline button press on one of the bot's messages. */
  userPressesButton(user: number, data: string, messageId?: number, options?: UserWritesOptions): Promise<FakeTelegramDelivery>;
  /** Any Update body (without update_id), e.g. `{ channel_post: {...} }`. */
  emit(payload: Record<string, unknown>, options?: UserWritesOptions): Promise<FakeTelegramDelivery>;
  /** POSTs an earlier delivery's exact bytes and headers again (same update_id). */
  redeliver(delivery: FakeTelegramDelivery): Promise<FakeTelegramDelivery>;
  /** Tries every pending update again, oldest first, as Telegram keeps doing. */
  retryPending(bot?: number | string): Promise<FakeTelegramDelivery[]>;
  /** Resolves once every webhook POST in flight has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export type FileKind = 'photo' | 'voice' | 'audio' | 'document' | 'video' | 'video_note' | 'sticker' | 'animation' | 'profile_photo';

// ---------------------------------------------------------------------------------------------
// Implementation

class BotApiFault extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

const badRequest = (what: string) => new BotApiFault(400, `Bad Request: ${what}`);
const CHAT_NOT_FOUND = () => badRequest('chat not found');

interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  bytes?: Uint8Array;
}

const FILE_PREFIX: Record<FileKind, string> = {
  photo: 'AgACAgQAAxkBAA',
  voice: 'AwACAgQAAxkBAA',
  audio: 'CQACAgQAAxkBAA',
  document: 'BQACAgQAAxkBAA',
  video: 'BAACAgQAAxkBAA',
  video_note: 'DQACAgQAAxkBAA',
  sticker: 'CAACAgIAAxkBAA',
  animation: 'CgACAgQAAxkBAA',
  profile_photo: 'AQADBAADq6cxG',
};
const FILE_DIR: Record<FileKind, string> = {
  photo: 'photos',
  voice: 'voice',
  audio: 'music',
  document: 'documents',
  video: 'videos',
  video_note: 'video_notes',
  sticker: 'stickers',
  animation: 'animations',
  profile_photo: 'profile_photos',
};

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const bots = new Map<number, FakeBot>();
  const users = new Map<number, FakeUser>();
  const chats = new Map<string, FakeChat>();
  const files = new Map<string, FakeFile>();
  const filesByPath = new Map<string, FakeFile>();
  const avatars = new Map<string, FakeFile>();
  const calls: RecordedCall[] = [];
  const sent: SentTelegramMessage[] = [];
  const webhooks: FakeTelegramDelivery[] = [];
  const failures: Array<{ failure: ScriptedTelegramFailure; remaining: number }> = [];
  const nextUpdateIds = new Map<number, number>();
  const life = createFakeLifecycle();
  const { track, idle } = life;
  const clock = createFakeClock(options.now);
  let fileCounter = 0;
  let idCounter = 0;

  const unixNow = () => Math.floor(clock.now() / 1000);

  // ------------------------------------------------------------------------- State

  function addBot(spec: FakeBotSpec = {}): FakeBot {
    const id = spec.id ?? (spec.token ? Number(spec.token.split(':')[0]) : 7012345600 + ++idCounter);
    if (!Number.isSafeInteger(id)) throw new Error(`fake telegram: bot token must start with the numeric bot id: ${spec.token}`);
    const bot: FakeBot = {
      id,
      token: spec.token ?? newToken(id),
      username: spec.username ?? `acme_support_${bots.size + 1}_bot`,
      firstName: spec.firstName ?? 'Acme Support',
      webhook: { url: '', maxConnections: 40, insecure: false },
      pending: [],
      revokedTokens: new Set(),
    };
    bots.set(id, bot);
    nextUpdateIds.set(id, 912345000 + Math.floor(Math.random() * 1000) * 1000);
    return bot;
  }

  function botFor(ref?: number | string): FakeBot {
    if (ref === undefined) {
      const first = bots.values().next().value;
      if (!first) throw new Error('fake telegram: no bot configured');
      return first;
    }
    const bot = typeof ref === 'number' ? bots.get(ref) : [...bots.values()].find((b) => b.token === ref || String(b.id) === ref);
    if (!bot) throw new Error(`fake telegram: unknown bot ${ref}`);
    return bot;
  }

  function addUser(spec: Partial<Omit<FakeUser, 'deactivated' | 'hasPhoto'>> & { photo?: boolean } = {}): FakeUser {
    const id = spec.id ?? 555000100 + ++idCounter;
    const user: FakeUser = {
      id,
      firstName: spec.firstName ?? 'Ana',
      lastName: 'lastName' in spec ? spec.lastName : 'Lima',
      username: 'username' in spec ? spec.username : `user${id}`,
      languageCode: 'languageCode' in spec ? spec.languageCode : 'en',
      deactivated: false,
      hasPhoto: spec.photo ?? false,
    };
    users.set(id, user);
    return user;
  }

  function userFor(ref: number | Partial<FakeUser>): FakeUser {
    const id = typeof ref === 'number' ? ref : ref.id;
    const known = id === undefined ? undefined : users.get(id);
    if (known) return known;
    return addUser(typeof ref === 'number' ? { id: ref } : ref);
  }

  function chatFor(userId: number, bot: FakeBot): FakeChat {
    const key = `${bot.id}:${userId}`;
    let chat = chats.get(key);
    if (!chat) {
      chat = { botId: bot.id, user: userFor(userId), started: false, blocked: false, nextMessageId: 1, messages: new Map() };
      chats.set(key, chat);
    }
    return chat;
  }

  function registerFile(spec: {
    bytes?: Uint8Array | string;
    size?: number;
    kind?: FileKind;
    fileName?: string;
    mimeType?: string;
    bot?: number | string;
  }): FakeFile {
    const bot = botFor(spec.bot);
    const kind = spec.kind ?? 'document';
    const bytes = typeof spec.bytes === 'string' ? new TextEncoder().encode(spec.bytes) : (spec.bytes ?? new Uint8Array(0));
    const size = spec.size ?? bytes.byteLength;
    const n = ++fileCounter;
    const file: FakeFile = {
      fileId: `${FILE_PREFIX[kind]}${randomBytes(27).toString('base64url')}`,
      fileUniqueId: `AgAD${randomBytes(8).toString('base64url')}`,
      botId: bot.id,
      filePath: `${FILE_DIR[kind]}/file_${n}.${extensionFor(kind, spec.fileName, spec.mimeType)}`,
      size,
      bytes: size > DOWNLOAD_LIMIT && bytes.byteLength === 0 ? bytes : bytes.byteLength ? bytes : new Uint8Array(size),
      mimeType: spec.mimeType,
    };
    files.set(file.fileId, file);
    filesByPath.set(`${bot.id}/${file.filePath}`, file);
    return file;
  }

  function avatarFor(user: FakeUser, bot: FakeBot): FakeFile | undefined {
    if (!user.hasPhoto) return undefined;
    const key = `${bot.id}:${user.id}`;
    let file = avatars.get(key);
    if (!file) {
      file = registerFile({ kind: 'profile_photo', bytes: fakeJpeg(640, 640), mimeType: 'image/jpeg', bot: bot.id });
      avatars.set(key, file);
    }
    return file;
  }

  for (const spec of options.bots ?? [{}]) addBot(spec);

  // ------------------------------------------------------------------------- Telegram objects

  function userObject(user: FakeUser): Record<string, unknown> {
    const o: Record<string, unknown> = { id: user.id, is_bot: false, first_name: user.firstName };
    if (user.lastName) o.last_name = user.lastName;
    if (user.username) o.username = user.username;
    if (user.languageCode) o.language_code = user.languageCode;
    return o;
  }

  function privateChatObject(user: FakeUser): Record<string, unknown> {
    const o: Record<string, unknown> = { id: user.id, first_name: user.firstName };
    if (user.lastName) o.last_name = user.lastName;
    if (user.username) o.username = user.username;
    o.type = 'private';
    return o;
  }

  const botUserObject = (bot: FakeBot) => ({ id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username });

  function fileObject(file: FakeFile): Record<string, unknown> {
    return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
  }

  function photoSizes(bot: FakeBot, spec: PhotoSpec = {}): Array<Record<string, unknown>> {
    const width = spec.width ?? 1280;
    const height = spec.height ?? 960;
    const longest = Math.max(width, height);
    const sides = [90, 320, 800].filter((s) => s < longest);
    const sizes = sides.map((side) => {
      const w = Math.round((width * side) / longest);
      const h = Math.round((height * side) / longest);
      const file = registerFile({ kind: 'photo', bytes: fakeJpeg(w, h), mimeType: 'image/jpeg', bot: bot.id });
      return { ...fileObject(file), width: w, height: h };
    });
    const full = registerFile({ kind: 'photo', bytes: spec.bytes ?? fakeJpeg(width, height), mimeType: 'image/jpeg', bot: bot.id });
    sizes.push({ ...fileObject(full), width, height });
    return sizes;
  }

  function messageContent(bot: FakeBot, content: Exclude<FakeUserContent, string>): Record<string, unknown> {
    const m: Record<string, unknown> = {};
    if (content.text !== undefined) {
      m.text = content.text;
      const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(content.text);
      if (command) m.entities = [{ offset: 0, length: command[0].length, type: 'bot_command' }];
    }
    if (content.photo) m.photo = photoSizes(bot, content.photo === true ? {} : content.photo);
    if (content.voice) {
      const spec = content.voice === true ? {} : content.voice;
      const seconds = spec.seconds ?? 2;
      const file = registerFile({ kind: 'voice', bytes: spec.bytes ?? oggOpusSilence(seconds), mimeType: VOICE_MIME, bot: bot.id });
      m.voice = { duration: seconds, mime_type: VOICE_MIME, ...fileObject(file) };
    }
    if (content.audio) {
      const a = content.audio;
      const mimeType = a.mimeType ?? 'audio/mpeg';
      const fileName = a.fileName ?? 'track.mp3';
      const file = registerFile({ kind: 'audio', bytes: a.bytes ?? fakeMp3(), fileName, mimeType, bot: bot.id });
      const audio: Record<string, unknown> = { duration: a.seconds ?? 30 };
      if (a.performer) audio.performer = a.performer;
      if (a.title) audio.title = a.title;
      m.audio = { ...audio, file_name: fileName, mime_type: mimeType, ...fileObject(file) };
    }
    if (content.video) {
      const v = content.video;
      const mimeType = v.mimeType ?? 'video/mp4';
      const file = registerFile({ kind: 'video', bytes: v.bytes ?? fakeMp4(), fileName: v.fileName, mimeType, bot: bot.id });
      const video: Record<string, unknown> = { duration: v.seconds ?? 5, width: v.width ?? 720, height: v.height ?? 1280 };
      if (v.fileName) video.file_name = v.fileName;
      m.video = { ...video, mime_type: mimeType, ...fileObject(file) };
    }
    if (content.videoNote) {
      const file = registerFile({ kind: 'video_note', bytes: content.videoNote.bytes ?? fakeMp4(), mimeType: 'video/mp4', bot: bot.id });
      m.video_note = { duration: content.videoNote.seconds ?? 5, length: 384, ...fileObject(file) };
    }
    if (content.document) {
      const d = content.document;
      const mimeType = d.mimeType ?? mimeFromName(d.fileName);
      const bytes = d.bytes ?? (d.size === undefined ? fakeDocument(mimeType) : undefined);
      const file = registerFile({ kind: 'document', bytes, size: d.size, fileName: d.fileName, mimeType, bot: bot.id });
      m.document = { file_name: d.fileName, mime_type: mimeType, ...fileObject(file) };
    }
    if (content.sticker) {
      const s = content.sticker === true ? {} : content.sticker;
      const animated = s.animated ?? false;
      const video = s.video ?? false;
      const mimeType = animated ? 'application/x-tgsticker' : video ? 'video/webm' : 'image/webp';
      const bytes = animated ? gzipSync('{"tgs":1,"v":"5.5.2","fr":60,"ip":0,"op":60,"w":512,"h":512,"layers":[]}') : fakeWebp();
      const file = registerFile({ kind: 'sticker', bytes, mimeType, fileName: animated ? 'sticker.tgs' : video ? 'sticker.webm' : 'sticker.webp', bot: bot.id });
      m.sticker = {
        width: 512,
        height: 512,
        emoji: s.emoji ?? '👍',
        set_name: 'HotCherry',
        is_animated: animated,
        is_video: video,
        type: 'regular',
        ...fileObject(file),
      };
    }
    if (content.location) {
      const l = content.location;
      m.location = { latitude: l.latitude, longitude: l.longitude, ...(l.livePeriod ? { live_period: l.livePeriod } : {}) };
    }
    if (content.contact) {
      const c = content.contact;
      m.contact = {
        phone_number: c.phoneNumber,
        first_name: c.firstName,
        ...(c.lastName ? { last_name: c.lastName } : {}),
        ...(c.userId ? { user_id: c.userId } : {}),
      };
    }
    if (content.caption !== undefined) m.caption = content.caption;
    return m;
  }

  // ------------------------------------------------------------------------- Webhook sender

  function allowed(bot: FakeBot, kind: string): boolean {
    const list = bot.webhook.allowedUpdates;
    if (!list || list.length === 0) return !NOT_BY_DEFAULT.has(kind);
    return list.includes(kind);
  }

  function newUpdate(bot: FakeBot, payload: Record<string, unknown>): FakeUpdate {
    const id = nextUpdateIds.get(bot.id)! + 1;
    nextUpdateIds.set(bot.id, id);
    return { update_id: id, ...payload };
  }

  async function emit(payload: Record<string, unknown>, opts: UserWritesOptions = {}): Promise<FakeTelegramDelivery> {
    const bot = botFor(opts.bot);
    const kind = Object.keys(payload)[0] ?? '';
    const update = newUpdate(bot, payload);
    const inner = payload[kind];
    const delivery: FakeTelegramDelivery = {
      botId: bot.id,
      update,
      message: isObject(inner) && typeof inner.message_id === 'number' ? inner : undefined,
      body: JSON.stringify(update),
      headers: {},
      attempts: [],
      ok: false,
      queued: false,
      filtered: false,
    };
    webhooks.push(delivery);
    if (!allowed(bot, kind)) {
      delivery.filtered = true;
      return delivery;
    }
    const url = opts.webhookUrl ?? bot.webhook.url;
    if (!url) {
      delivery.queued = true;
      bot.pending.push(update);
      return delivery;
    }
    const target = splitCredentials(url);
    delivery.url = target.url;
    delivery.headers = { 'content-type': 'application/json' };
    if (target.authorization) delivery.headers.authorization = target.authorization;
    const secret = opts.secret === undefined ? bot.webhook.secretToken : opts.secret;
    if (secret !== null && secret !== undefined) delivery.headers['x-telegram-bot-api-secret-token'] = secret;
    await post(bot, delivery);
    return delivery;
  }

  async function post(bot: FakeBot, delivery: FakeTelegramDelivery): Promise<void> {
    const attempts = Math.max(1, options.webhookAttempts ?? 3);
    let backoff = options.webhookRetryDelayMs ?? 100;
    let wait = 0;
    for (let i = 0; i < attempts && !life.signal.aborted; i++) {
      if (i > 0) await sleep(wait, life.signal).catch(() => undefined);
      if (life.signal.aborted) break;
      const started = Date.now();
      const attempt: WebhookAttempt = { durationMs: 0 };
      delivery.attempts.push(attempt);
      try {
        const response = await fetch(delivery.url!, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
          signal: AbortSignal.any([life.signal, AbortSignal.timeout(options.webhookTimeoutMs ?? 10_000)]),
        });
        const text = await response.text();
        attempt.status = response.status;
        attempt.durationMs = Date.now() - started;
        if (response.status >= 200 && response.status <= 299) {
          delivery.ok = true;
          await runWebhookReply(bot, delivery, text, response.headers.get('content-type'));
          break;
        }
        noteWebhookError(bot, `Wrong response from the webhook: ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trim());
        const retryAfter = parseRetryAfterSeconds(response.headers.get('retry-after'));
        if (retryAfter !== undefined) {
          attempt.retryAfterSeconds = retryAfter;
          wait = retryAfter * (options.retryAfterUnitMs ?? 1000);
        } else {
          wait = backoff;
          backoff *= 2;
        }
      } catch (error) {
        attempt.durationMs = Date.now() - started;
        attempt.error = describeFetchError(error);
        noteWebhookError(bot, attempt.error);
        wait = backoff;
        backoff *= 2;
      }
    }
    const index = bot.pending.findIndex((u) => u.update_id === delivery.update.update_id);
    if (delivery.ok && index >= 0) bot.pending.splice(index, 1);
    if (!delivery.ok && index < 0 && !life.signal.aborted) bot.pending.push(delivery.update);
  }

  function noteWebhookError(bot: FakeBot, message: string): void {
    bot.webhook.lastErrorDate = unixNow();
    bot.webhook.lastErrorMessage = message;
  }

  async function runWebhookReply(bot: FakeBot, delivery: FakeTelegramDelivery, text: string, contentType: string | null): Promise<void> {
    if (options.executeWebhookReplies === false || !contentType?.includes('application/json') || !text) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(body) || typeof body.method !== 'string') return;
    const { method, ...params } = body;
    const name = method.toLowerCase();
    if (name.startsWith('get') || NOT_FROM_WEBHOOK_REPLY.has(name)) {
      delivery.replyCall = { method, status: 0, response: undefined, ignored: true };
      return;
    }
    const call: RecordedCall = { botId: bot.id, token: bot.token, method, httpMethod: 'POST', params, status: 0, response: undefined, via: 'webhook-reply', at: clock.now() };
    calls.push(call);
    const reply = await respond(bot, method, params, 'webhook-reply');
    call.status = reply.status;
    call.response = reply.json;
    delivery.replyCall = { method, status: reply.status, response: reply.json, ignored: false };
  }

  async function redeliver(previous: FakeTelegramDelivery): Promise<FakeTelegramDelivery> {
    const bot = botFor(previous.botId);
    const delivery: FakeTelegramDelivery = { ...previous, attempts: [], ok: false, queued: false, replyCall: undefined };
    webhooks.push(delivery);
    if (!delivery.url) throw new Error('fake telegram: that update was never POSTed, so it cannot be redelivered');
    await post(bot, delivery);
    return delivery;
  }

  async function retryPending(ref?: number | string): Promise<FakeTelegramDelivery[]> {
    const bot = botFor(ref);
    if (!bot.webhook.url) return [];
    const results: FakeTelegramDelivery[] = [];
    for (const update of [...bot.pending]) {
      const previous = [...webhooks].reverse().find((d) => d.botId === bot.id && d.update.update_id === update.update_id);
      const target = splitCredentials(bot.webhook.url);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (target.authorization) headers.authorization = target.authorization;
      if (bot.webhook.secretToken) headers['x-telegram-bot-api-secret-token'] = bot.webhook.secretToken;
      const delivery: FakeTelegramDelivery = {
        botId: bot.id,
        update,
        message: previous?.message,
        url: target.url,
        body: JSON.stringify(update),
        headers,
        attempts: [],
        ok: false,
        queued: false,
        filtered: false,
      };
      webhooks.push(delivery);
      await post(bot, delivery);
      results.push(delivery);
    }
    return results;
  }

  function userMessage(user: FakeUser, bot: FakeBot, content: FakeUserContent, opts: UserWritesOptions): { kind: string; message: Record<string, unknown> } {
    const c = typeof content === 'string' ? { text: content } : content;
    const date = opts.date ?? unixNow();
    if (opts.chat) {
      const chat: Record<string, unknown> = { id: opts.chat.id, title: opts.chat.title ?? 'Acme customers', type: opts.chat.type };
      const message: Record<string, unknown> = { message_id: ++idCounter, date };
      if (opts.chat.type === 'channel') message.sender_chat = chat;
      else message.from = userObject(user);
      message.chat = chat;
      Object.assign(message, messageContent(bot, c));
      return { kind: opts.chat.type === 'channel' ? 'channel_post' : 'message', message };
    }
    const chat = chatFor(user.id, bot);
    chat.started = true;
    const message: Record<string, unknown> = { message_id: chat.nextMessageId++, from: userObject(user), chat: privateChatObject(user), date };
    if (c.mediaGroupId) message.media_group_id = c.mediaGroupId;
    if (c.replyToMessageId !== undefined) {
      const replied = chat.messages.get(c.replyToMessageId);
      if (replied) message.reply_to_message = replied;
    }
    Object.assign(message, messageContent(bot, c));
    chat.messages.set(message.message_id as number, message);
    return { kind: 'message', message };
  }

  function memberUpdate(userId: number, bot: FakeBot, from: string, to: string): Record<string, unknown> {
    const user = userFor(userId);
    return {
      my_chat_member: {
        chat: privateChatObject(user),
        from: userObject(user),
        date: unixNow(),
        old_chat_member: { user: botUserObject(bot), status: from },
        new_chat_member: { user: botUserObject(bot), status: to, ...(to === 'kicked' ? { until_date: 0 } : {}) },
      },
    };
  }

  // ------------------------------------------------------------------------- Bot API

  async function respond(bot: FakeBot, method: string, params: Record<string, unknown>, via: 'http' | 'webhook-reply'): Promise<Reply> {
    try {
      return { status: 200, json: { ok: true, ...(await dispatch(bot, method.toLowerCase(), params, via)) } };
    } catch (error) {
      if (error instanceof BotApiFault) return faultReply(error);
      return faultReply(new BotApiFault(500, `Internal Server Error: fake bug: ${String(error)}`));
    }
  }

  async function dispatch(
    bot: FakeBot,
    method: string,
    params: Record<string, unknown>,
    via: 'http' | 'webhook-reply',
  ): Promise<{ result: unknown; description?: string }> {
    switch (method) {
      case 'getme':
        return {
          result: {
            ...botUserObject(bot),
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
            can_connect_to_business: false,
            has_main_web_app: false,
          },
        };
      case 'setwebhook':
        return setWebhook(bot, params);
      case 'deletewebhook':
        return deleteWebhook(bot, params);
      case 'getwebhookinfo':
        return { result: webhookInfo(bot) };
      case 'getupdates':
        return { result: getUpdates(bot, params) };
      case 'sendmessage':
        return { result: sendMessage(bot, params, via) };
      case 'sendphoto':
        return { result: sendFileMessage(bot, 'photo', params, via) };
      case 'senddocument':
        return { result: sendFileMessage(bot, 'document', params, via) };
      case 'sendaudio':
        return { result: sendFileMessage(bot, 'audio', params, via) };
      case 'sendvoice':
        return { result: sendFileMessage(bot, 'voice', params, via) };
      case 'sendvideo':
        return { result: sendFileMessage(bot, 'video', params, via) };
      case 'getfile':
        return { result: getFile(bot, params) };
      case 'getchat':
        return { result: getChat(bot, params) };
      case 'answercallbackquery':
        return { result: true };
    }
    throw new BotApiFault(404, 'Not Found');
  }

  function setWebhook(bot: FakeBot, params: Record<string, unknown>): { result: true; description: string } {
    const url = params.url === undefined || params.url === null ? '' : String(params.url);
    if (url === '') {
      const had = bot.webhook.url !== '';
      bot.webhook = { url: '', maxConnections: 40, insecure: false, allowedUpdates: bot.webhook.allowedUpdates };
      if (truthy(params.drop_pending_updates)) bot.pending.length = 0;
      return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' };
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to parse URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('bad webhook: Unsupported URL protocol');
    if (options.requireHttps) {
      if (parsed.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      const port = parsed.port || '443';
      if (!['80', '88', '443', '8443'].includes(port)) throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secret = params.secret_token === undefined || params.secret_token === null ? '' : String(params.secret_token);
    if (secret.length > 256) throw badRequest('secret token is too long');
    if (!SECRET_CHARS.test(secret)) throw badRequest('secret token contains unallowed characters');
    const maxConnections = params.max_connections === undefined ? 40 : Math.min(100, Math.max(1, Number(params.max_connections) || 40));
    let allowedUpdates = bot.webhook.allowedUpdates;
    if (params.allowed_updates !== undefined) {
      const list = typeof params.allowed_updates === 'string' ? maybeJson(params.allowed_updates) : params.allowed_updates;
      if (!Array.isArray(list) || !list.every((u) => typeof u === 'string')) throw badRequest("can't parse allowed updates JSON object");
      allowedUpdates = list as string[];
    }
    const next: FakeWebhook = {
      url,
      secretToken: secret || undefined,
      allowedUpdates,
      maxConnections,
      insecure: parsed.protocol === 'http:',
    };
    const same =
      bot.webhook.url === next.url &&
      bot.webhook.secretToken === next.secretToken &&
      bot.webhook.maxConnections === next.maxConnections &&
      JSON.stringify(bot.webhook.allowedUpdates) === JSON.stringify(next.allowedUpdates);
    bot.webhook = same ? { ...bot.webhook } : next;
    if (truthy(params.drop_pending_updates)) bot.pending.length = 0;
    // Updates that waited for a webhook go out to it now, as Telegram sends them (await idle()).
    if (!same && bot.pending.length) void track(retryPending(bot.id));
    return { result: true, description: same ? 'Webhook is already set' : 'Webhook was set' };
  }

  function deleteWebhook(bot: FakeBot, params: Record<string, unknown>): { result: true; description: string } {
    const had = bot.webhook.url !== '';
    bot.webhook = { url: '', maxConnections: 40, insecure: false, allowedUpdates: bot.webhook.allowedUpdates };
    if (truthy(params.drop_pending_updates)) bot.pending.length = 0;
    return { result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' };
  }

  function webhookInfo(bot: FakeBot): Record<string, unknown> {
    const w = bot.webhook;
    const info: Record<string, unknown> = { url: w.url, has_custom_certificate: false, pending_update_count: bot.pending.length };
    if (!w.url) return info;
    info.ip_address = ipOf(w.url);
    if (w.lastErrorDate !== undefined) {
      info.last_error_date = w.lastErrorDate;
      info.last_error_message = w.lastErrorMessage;
    }
    info.max_connections = w.maxConnections;
    if (w.allowedUpdates?.length) info.allowed_updates = w.allowedUpdates;
    return info;
  }

  function getUpdates(bot: FakeBot, params: Record<string, unknown>): FakeUpdate[] {
    if (bot.webhook.url) {
      throw new BotApiFault(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = Number(params.offset ?? 0);
    if (offset > 0) bot.pending = bot.pending.filter((u) => u.update_id >= offset);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    return bot.pending.slice(0, limit);
  }

  /** The private chat a send goes to, with Telegram's answers when it can't. */
  function targetChat(bot: FakeBot, chatId: unknown): FakeChat {
    if (chatId === undefined || chatId === null || chatId === '') throw badRequest('chat_id is empty');
    const id = typeof chatId === 'number' ? chatId : /^-?\d+$/.test(String(chatId)) ? Number(chatId) : NaN;
    const user = users.get(id);
    if (!Number.isSafeInteger(id) || !user) throw CHAT_NOT_FOUND();
    const chat = chats.get(`${bot.id}:${id}`);
    if (user.deactivated) throw new BotApiFault(403, 'Forbidden: user is deactivated');
    if (!chat || !chat.started) throw new BotApiFault(403, "Forbidden: bot can't initiate conversation with a user");
    if (chat.blocked) throw new BotApiFault(403, 'Forbidden: bot was blocked by the user');
    return chat;
  }

  function replyTarget(chat: FakeChat, params: Record<string, unknown>): number | undefined {
    const rp = typeof params.reply_parameters === 'string' ? maybeJson(params.reply_parameters) : params.reply_parameters;
    const id = isObject(rp) ? Number(rp.message_id) : params.reply_to_message_id !== undefined ? Number(params.reply_to_message_id) : undefined;
    if (id === undefined) return undefined;
    const allowMissing = isObject(rp) ? truthy(rp.allow_sending_without_reply) : truthy(params.allow_sending_without_reply);
    if (!chat.messages.has(id)) {
      if (allowMissing) return undefined;
      throw badRequest('message to be replied not found');
    }
    return id;
  }

  function outgoing(bot: FakeBot, chat: FakeChat, replyTo: number | undefined): Record<string, unknown> {
    const message: Record<string, unknown> = {
      message_id: chat.nextMessageId++,
      from: botUserObject(bot),
      chat: privateChatObject(chat.user),
      date: unixNow(),
    };
    if (replyTo !== undefined) message.reply_to_message = chat.messages.get(replyTo);
    return message;
  }

  function sendMessage(bot: FakeBot, params: Record<string, unknown>, via: 'http' | 'webhook-reply'): Record<string, unknown> {
    const chat = targetChat(bot, params.chat_id);
    const text = params.text === undefined || params.text === null ? '' : String(params.text);
    if (text.trim() === '') throw badRequest('message text is empty');
    if ([...text].length > TEXT_LIMIT) throw badRequest('message is too long');
    const parseMode = params.parse_mode === undefined || params.parse_mode === '' ? undefined : String(params.parse_mode);
    if (parseMode !== undefined && !PARSE_MODES.has(parseMode.toLowerCase())) throw badRequest('unsupported parse_mode');
    const replyTo = replyTarget(chat, params);
    const message: Record<string, unknown> = { ...outgoing(bot, chat, replyTo), text };
    chat.messages.set(message.message_id as number, message);
    sent.push({
      botId: bot.id,
      chatId: chat.user.id,
      messageId: message.message_id as number,
      providerMessageId: `${chat.user.id}:${message.message_id}`,
      kind: 'text',
      text,
      parseMode,
      replyToMessageId: replyTo,
      disableNotification: truthy(params.disable_notification) || undefined,
      message,
      via,
      at: clock.now(),
    });
    return message;
  }

  function sendFileMessage(
    bot: FakeBot,
    kind: 'photo' | 'document' | 'audio' | 'voice' | 'video',
    params: Record<string, unknown>,
    via: 'http' | 'webhook-reply',
  ): Record<string, unknown> {
    const chat = targetChat(bot, params.chat_id);
    const caption = params.caption === undefined ? undefined : String(params.caption);
    if (caption !== undefined && [...caption].length > CAPTION_LIMIT) throw badRequest('message caption is too long');
    const input = params[kind];
    let sentFile: NonNullable<SentTelegramMessage['file']>;
    let file: FakeFile;
    if (input instanceof File || isUpload(input)) {
      const upload = input as UploadedFile;
      // [UNCONFIRMED wording] bots upload at most 50 MB, photos at most 10 MB
      if (upload.bytes.byteLength > UPLOAD_LIMIT) throw new BotApiFault(413, 'Request Entity Too Large');
      if (kind === 'photo' && upload.bytes.byteLength > PHOTO_LIMIT) throw badRequest('PHOTO_SAVE_FILE_INVALID');
      if (upload.bytes.byteLength === 0) throw badRequest(`file must be non-empty`);
      const mimeType = upload.mimeType || (kind === 'photo' ? 'image/jpeg' : mimeFromName(upload.fileName));
      file = registerFile({ kind, bytes: upload.bytes, fileName: upload.fileName, mimeType, bot: bot.id });
      sentFile = { source: 'upload', fileId: file.fileId, fileName: upload.fileName, mimeType, bytes: upload.bytes };
    } else if (typeof input === 'string' && /^https?:\/\//i.test(input)) {
      // Telegram downloads the URL itself; the fake doesn't, it just keeps a placeholder file.
      const fileName = decodeURIComponent(new URL(input).pathname.split('/').pop() || 'file');
      const mimeType = kind === 'photo' ? 'image/jpeg' : mimeFromName(fileName);
      file = registerFile({ kind, bytes: kind === 'photo' ? fakeJpeg(800, 600) : fakeDocument(mimeType), fileName, mimeType, bot: bot.id });
      sentFile = { source: 'url', url: input, fileId: file.fileId, fileName, mimeType };
    } else if (typeof input === 'string' && input) {
      const known = files.get(input);
      if (!known || known.botId !== bot.id) throw badRequest('wrong file identifier/HTTP URL specified');
      file = known;
      sentFile = { source: 'file_id', fileId: known.fileId, mimeType: known.mimeType };
    } else {
      throw badRequest(`there is no ${kind} in the request`);
    }
    const replyTo = replyTarget(chat, params);
    const message: Record<string, unknown> = outgoing(bot, chat, replyTo);
    if (kind === 'photo') {
      message.photo = [{ ...fileObject(file), width: 800, height: 600 }];
    } else if (kind === 'voice') {
      message.voice = { duration: 1, mime_type: sentFile.mimeType ?? VOICE_MIME, ...fileObject(file) };
    } else if (kind === 'audio') {
      message.audio = { duration: 1, file_name: sentFile.fileName ?? 'audio', mime_type: sentFile.mimeType ?? 'audio/mpeg', ...fileObject(file) };
    } else if (kind === 'video') {
      message.video = { duration: 1, width: 720, height: 1280, file_name: sentFile.fileName ?? 'video', mime_type: sentFile.mimeType ?? 'video/mp4', ...fileObject(file) };
    } else {
      message.document = { file_name: sentFile.fileName ?? 'file', mime_type: sentFile.mimeType ?? 'application/octet-stream', ...fileObject(file) };
    }
    if (caption) message.caption = caption;
    chat.messages.set(message.message_id as number, message);
    sent.push({
      botId: bot.id,
      chatId: chat.user.id,
      messageId: message.message_id as number,
      providerMessageId: `${chat.user.id}:${message.message_id}`,
      kind,
      caption,
      replyToMessageId: replyTo,
      file: sentFile,
      message,
      via,
      at: clock.now(),
    });
    return message;
  }

  function getFile(bot: FakeBot, params: Record<string, unknown>): Record<string, unknown> {
    const id = params.file_id === undefined ? '' : String(params.file_id);
    if (!id) throw badRequest('file_id not specified');
    const file = files.get(id);
    if (!file || file.botId !== bot.id) throw badRequest('wrong file_id or the file is temporarily unavailable');
    if (file.size > DOWNLOAD_LIMIT) throw badRequest('file is too big');
    return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size, file_path: file.filePath };
  }

  function getChat(bot: FakeBot, params: Record<string, unknown>): Record<string, unknown> {
    const id = Number(params.chat_id);
    const user = users.get(id);
    const chat = chats.get(`${bot.id}:${id}`);
    if (!user || !chat || !chat.started) throw CHAT_NOT_FOUND();
    const result: Record<string, unknown> = { ...privateChatObject(user), accent_color_id: id % 7, max_reaction_count: 11 };
    const avatar = avatarFor(user, bot);
    if (avatar) {
      result.photo = {
        small_file_id: `${avatar.fileId}s`,
        small_file_unique_id: `${avatar.fileUniqueId}s`,
        big_file_id: avatar.fileId,
        big_file_unique_id: avatar.fileUniqueId,
      };
    }
    return result;
  }

  function takeFailure(method: string): ScriptedTelegramFailure | undefined {
    const index = failures.findIndex(({ failure }) => {
      const m = failure.method;
      if (m === undefined) return method !== 'download';
      return m instanceof RegExp ? m.test(method) : m.toLowerCase() === method.toLowerCase();
    });
    if (index < 0) return undefined;
    const slot = failures[index];
    if (--slot.remaining <= 0) failures.splice(index, 1);
    return slot.failure;
  }

  /** The bot a token belongs to, or Telegram's answer for a bad one. */
  function authenticate(token: string): FakeBot {
    const bot = [...bots.values()].find((b) => b.token === token);
    if (bot) return bot;
    // A token shaped like one but unknown (or revoked) is 401; anything else doesn't route at all.
    if (TOKEN_SHAPE.test(token)) throw new BotApiFault(401, 'Unauthorized');
    throw new BotApiFault(404, 'Not Found');
  }

  // ------------------------------------------------------------------------- HTTP

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const httpMethod = req.method ?? 'GET';
    const api = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname);
    const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);

    let reply: Reply;
    if (api) {
      const token = decodeURIComponent(api[1]);
      const method = decodeURIComponent(api[2]);
      const params = { ...Object.fromEntries(url.searchParams), ...(await parseParams(raw, req.headers['content-type'])) };
      const call: RecordedCall = { token, method, httpMethod, params: describeUploads(params), status: 0, response: undefined, via: 'http', at: clock.now() };
      calls.push(call);
      const failure = takeFailure(method);
      if (failure?.delayMs) await sleep(failure.delayMs, life.signal).catch(() => undefined);
      if (failure && (failure.error_code !== undefined || failure.rawBody !== undefined)) {
        reply = scriptedReply(failure);
      } else {
        try {
          const bot = authenticate(token);
          call.botId = bot.id;
          reply = await respond(bot, method, params, 'http');
        } catch (error) {
          reply = faultReply(error instanceof BotApiFault ? error : new BotApiFault(500, `Internal Server Error: fake bug: ${String(error)}`));
        }
      }
      call.status = reply.status;
      call.response = reply.json ?? reply.text;
    } else if (download && (httpMethod === 'GET' || httpMethod === 'HEAD')) {
      reply = downloadReply(decodeURIComponent(download[1]), download[2]);
    } else {
      reply = faultReply(new BotApiFault(404, 'Not Found'));
    }

    if (res.destroyed) return;
    if (reply.bytes) {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/octet-stream', 'content-length': String(reply.bytes.byteLength) });
      res.end(httpMethod === 'HEAD' ? undefined : reply.bytes);
    } else if (reply.json !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    } else {
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/html' });
      res.end(reply.text ?? '');
    }
  }

  function downloadReply(token: string, path: string): Reply {
    const failure = takeFailure('download');
    if (failure && (failure.error_code !== undefined || failure.rawBody !== undefined)) return scriptedReply(failure);
    const bot = [...bots.values()].find((b) => b.token === token);
    const file = bot ? filesByPath.get(`${bot.id}/${path.split('/').map(decodeURIComponent).join('/')}`) : undefined;
    if (!file || file.size > DOWNLOAD_LIMIT) return faultReply(new BotApiFault(404, 'Not Found'));
    return { status: 200, bytes: file.bytes, contentType: 'application/octet-stream' };
  }

  const server = await serveLocally(handle);

  const fake: FakeTelegram = {
    url: server.origin,
    bots,
    bot: botFor(),
    users,
    files,
    calls,
    sent,
    webhooks,
    clock,
    addBot,
    addUser,
    chat: (userId, ref) => chatFor(userId, botFor(ref)),
    start: (userId, ref) => {
      const chat = chatFor(userId, botFor(ref));
      chat.started = true;
      return chat;
    },
    block: (userId, ref) => {
      const bot = botFor(ref);
      const chat = chatFor(userId, bot);
      chat.blocked = true;
      return track(emit(memberUpdate(userId, bot, 'member', 'kicked'), { bot: bot.id }));
    },
    unblock: (userId, ref) => {
      const bot = botFor(ref);
      const chat = chatFor(userId, bot);
      chat.blocked = false;
      chat.started = true;
      return track(emit(memberUpdate(userId, bot, 'kicked', 'member'), { bot: bot.id }));
    },
    deactivate: (userId) => {
      userFor(userId).deactivated = true;
    },
    revokeToken: (ref) => {
      const bot = botFor(ref);
      bot.revokedTokens.add(bot.token);
      bot.token = newToken(bot.id);
      return bot.token;
    },
    registerFile,
    failNext: (failure, times = 1) => {
      failures.push({ failure: typeof failure === 'string' ? fakeTelegramErrors[failure] : failure, remaining: times });
    },
    clearFailures: () => {
      failures.length = 0;
    },
    userWrites: (userRef, content, opts = {}) => {
      const bot = botFor(opts.bot);
      const { kind, message } = userMessage(userFor(userRef), bot, content, opts);
      return track(emit({ [kind]: message }, { ...opts, bot: bot.id }));
    },
    userEdits: (userId, messageId, text, opts = {}) => {
      const bot = botFor(opts.bot);
      const chat = chatFor(userId, bot);
      const original = chat.messages.get(messageId);
      if (!original || (original.from as { id?: number } | undefined)?.id !== userId) {
        throw new Error(`fake telegram: user ${userId} has no message ${messageId} to edit`);
      }
      const edited: Record<string, unknown> = { ...original, edit_date: opts.date ?? unixNow(), text };
      delete edited.entities;
      chat.messages.set(messageId, edited);
      return track(emit({ edited_message: edited }, { ...opts, bot: bot.id }));
    },
    userSendsAlbum: async (userId, items, opts = {}) => {
      const mediaGroupId = String(13715947305284000n + BigInt(++idCounter));
      const results: FakeTelegramDelivery[] = [];
      for (const [i, item] of items.entries()) {
        const content: Exclude<FakeUserContent, string> = { mediaGroupId, ...item };
        if (i === 0 && opts.caption !== undefined) content.caption = opts.caption;
        results.push(await fake.userWrites(userId, content, opts));
      }
      return results;
    },
    userPressesButton: (userId, data, messageId, opts = {}) => {
      const bot = botFor(opts.bot);
      const user = userFor(userId);
      const chat = chatFor(userId, bot);
      const botMessages = [...chat.messages.values()].filter((m) => (m.from as { id?: number } | undefined)?.id === bot.id);
      const message = messageId !== undefined ? chat.messages.get(messageId) : botMessages.at(-1);
      return track(
        emit(
          {
            callback_query: {
              id: String(BigInt(user.id) * 4294967296n + BigInt(++idCounter)),
              from: userObject(user),
              ...(message ? { message } : {}),
              chat_instance: String(-6873547398201934211n + BigInt(user.id)),
              data,
            },
          },
          { ...opts, bot: bot.id },
        ),
      );
    },
    emit: (payload, opts) => track(emit(payload, opts)),
    redeliver: (delivery) => track(redeliver(delivery)),
    retryPending: (ref) => track(retryPending(ref)),
    idle,
    stop: () => life.shutdown(server),
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Media bytes

/**
 * A valid Ogg Opus file of `seconds` of digital silence (mono, 48 kHz, 20 ms frames), the format of
 * Telegram voice notes. Decoders and ffprobe read it; speech-to-text hears nothing.
 */
export function oggOpusSilence(seconds: number): Uint8Array {
  const serial = 0x7e1e6a3d;
  const preSkip = 312;
  const pages: Uint8Array[] = [];
  let sequence = 0;

  const head = new Uint8Array(19);
  head.set(ascii('OpusHead'), 0);
  const hv = new DataView(head.buffer);
  hv.setUint8(8, 1); // version
  hv.setUint8(9, 1); // channels
  hv.setUint16(10, preSkip, true);
  hv.setUint32(12, 48000, true); // original sample rate
  hv.setInt16(16, 0, true); // output gain
  hv.setUint8(18, 0); // mapping family
  pages.push(oggPage([head], 0n, serial, sequence++, 0x02));

  const vendor = ascii('chats-fake-telegram');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  tags.set(ascii('OpusTags'), 0);
  new DataView(tags.buffer).setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  pages.push(oggPage([tags], 0n, serial, sequence++, 0));

  // The classic Opus "silence" frame: CELT-only, fullband, 20 ms (960 samples at 48 kHz).
  const frame = Uint8Array.of(0xf8, 0xff, 0xfe);
  const totalSamples = Math.round(seconds * 48000);
  const frames = Math.max(1, Math.ceil((totalSamples + preSkip) / 960));
  const perPage = 50;
  for (let done = 0; done < frames; ) {
    const count = Math.min(perPage, frames - done);
    done += count;
    const last = done === frames;
    const granule = last ? BigInt(totalSamples + preSkip) : BigInt(done * 960);
    pages.push(oggPage(Array.from({ length: count }, () => frame), granule, serial, sequence++, last ? 0x04 : 0));
  }
  return concat(pages);
}

function oggPage(packets: Uint8Array[], granule: bigint, serial: number, sequence: number, flags: number): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const body = concat(packets);
  const page = new Uint8Array(27 + lacing.length + body.length);
  const view = new DataView(page.buffer);
  page.set(ascii('OggS'), 0);
  view.setUint8(4, 0);
  view.setUint8(5, flags);
  view.setBigUint64(6, granule, true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  view.setUint32(22, 0, true);
  view.setUint8(26, lacing.length);
  page.set(lacing, 27);
  page.set(body, 27 + lacing.length);
  view.setUint32(22, oggCrc(page), true);
  return page;
}

const OGG_CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, no reflection, zero init), over a page with its CRC field zeroed. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc >>> 0;
}

/** JPEG-framed bytes (SOI, JFIF APP0, ..., EOI) sized roughly like a photo of w x h; not a decodable image. */
function fakeJpeg(width: number, height: number): Uint8Array {
  const size = Math.max(200, Math.round((width * height) / 20));
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00], 0);
  for (let i = 20; i < size - 2; i++) bytes[i] = (i * 31 + width) & 0x7f;
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

function fakeWebp(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set(ascii('RIFF'), 0);
  new DataView(bytes.buffer).setUint32(4, 56, true);
  bytes.set(ascii('WEBPVP8 '), 8);
  return bytes;
}

function fakeMp4(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0, 0, 0, 0x18, ...ascii('ftypisom'), 0, 0, 2, 0, ...ascii('isommp42')], 0);
  return bytes;
}

function fakeMp3(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([...ascii('ID3'), 3, 0, 0, 0, 0, 0, 0], 0);
  return bytes;
}

function fakeDocument(mimeType: string): Uint8Array {
  if (mimeType === 'application/pdf') return ascii('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  return ascii('Fake document contents\n');
}

// ---------------------------------------------------------------------------------------------
// Helpers

function scriptedReply(failure: ScriptedTelegramFailure): Reply {
  if (failure.rawBody !== undefined) return { status: failure.status ?? failure.error_code ?? 500, text: failure.rawBody };
  const parameters: Record<string, unknown> = {};
  if (failure.retry_after !== undefined) parameters.retry_after = failure.retry_after;
  if (failure.migrate_to_chat_id !== undefined) parameters.migrate_to_chat_id = failure.migrate_to_chat_id;
  const code = failure.error_code ?? 400;
  return faultReply(new BotApiFault(code, failure.description ?? 'Bad Request: scripted failure', Object.keys(parameters).length ? parameters : undefined), failure.status);
}

function faultReply(fault: BotApiFault, status?: number): Reply {
  const json: Record<string, unknown> = { ok: false, error_code: fault.code, description: fault.description };
  if (fault.parameters) json.parameters = fault.parameters;
  return { status: status ?? fault.code, json };
}

/** JSON, urlencoded or multipart bodies; object values in forms are JSON strings, as Telegram takes them. */
async function parseParams(raw: Buffer, contentType: string | undefined): Promise<Record<string, unknown>> {
  if (raw.length === 0) return {};
  const type = contentType?.toLowerCase() ?? '';
  if (type.includes('multipart/form-data')) return parseMultipart(raw, contentType!, maybeJson);
  if (type.includes('application/x-www-form-urlencoded')) return parseUrlEncoded(raw.toString('utf8'));
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Telegram turns `user:pass@` in a webhook URL into Basic auth (fetch refuses credentials in URLs anyway). */
function splitCredentials(raw: string): { url: string; authorization?: string } {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: raw };
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  url.username = '';
  url.password = '';
  return { url: url.toString(), authorization };
}

function ipOf(raw: string): string {
  const host = new URL(raw).hostname;
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : '149.154.167.220';
}

function parseRetryAfterSeconds(header: string | null): number | undefined {
  if (!header || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Math.min(3600, Math.max(0, Number(header)));
}

function describeFetchError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return 'Read timeout expired';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ENOTFOUND') return 'Failed to resolve host: Name or service not known';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function newToken(id: number): string {
  // Real tokens: the bot id, a colon, then 35 characters of base64url.
  return `${id}:AA${randomBytes(25).toString('base64url').slice(0, 33)}`;
}

function extensionFor(kind: FileKind, fileName?: string, mimeType?: string): string {
  const fromName = fileName && /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1];
  if (fromName) return fromName.toLowerCase();
  switch (kind) {
    case 'photo':
    case 'profile_photo':
      return 'jpg';
    case 'voice':
      return 'oga';
    case 'audio':
      return 'mp3';
    case 'video':
    case 'video_note':
    case 'animation':
      return 'mp4';
    case 'sticker':
      return mimeType === 'application/x-tgsticker' ? 'tgs' : mimeType === 'video/webm' ? 'webm' : 'webp';
    case 'document':
      return mimeType === 'application/pdf' ? 'pdf' : 'bin';
  }
}

function mimeFromName(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    txt: 'text/plain',
    csv: 'text/csv',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    zip: 'application/zip',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    mp3: 'audio/mpeg',
    mp4: 'video/mp4',
  };
  return (ext && types[ext]) || 'application/octet-stream';
}

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}


