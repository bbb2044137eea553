/**
 * A fake OpenAI-compatible speech-to-text server (PLATFORMS.md F.3), over real HTTP on 127.0.0.1.
 * It speaks the dialects of F.2: OpenAI itself, whisper.cpp's server (`/inference`, `model` ignored,
 * errors as HTTP 200 `{"error": ...}`, OGG/Opus refused unless `convert`, one request at a time),
 * speaches (FastAPI `{"detail"}` bodies, 404 for a model not installed, 415 for undecodable audio)
 * and LocalAI (`text` rejected as a response_format).
 *
 *   const stt = await startFakeStt({ flavour: 'whisper.cpp', path: '/inference', transcript: 'Hello there' });
 *   // TRANSCRIBE_URL = stt.url
 *   stt.failNext('rateLimited');                      // next request: 429 with the OpenAI envelope
 *   stt.delayMs = 2000;                              // slow answers
 *   expect(stt.requests.at(-1)).toMatchObject({ model: 'whisper-1', file: { fileName: 'voice-note.ogg' } });
 *   await stt.stop();
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeLifecycle, isUpload, parseMultipart, readBody, serveLocally, sleep, type UploadedFile } from './fake-utils';

export type SttFlavour = 'openai' | 'whisper.cpp' | 'speaches' | 'localai';
export type SttFailure = 'rateLimited' | 'serverError' | 'badGateway' | 'hang';

export interface FakeSttOptions {
  flavour?: SttFlavour;
  /** Where transcriptions are posted; default `/v1/audio/transcriptions`. */
  path?: string;
  /** What is "heard"; a function sees the uploaded file. */
  transcript?: string | ((file: UploadedFile) => string);
  /** The language the fake detects, as an ISO code; verbose_json writes it as a full name for openai and whisper.cpp. */
  language?: string;
  /** Required as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  /** Models installed (speaches, LocalAI); others are refused as those servers refuse them. */
  models?: string[];
  /** whisper.cpp `--convert`: OGG/Opus, WebM and M4A are decoded; without it only WAV, MP3, FLAC and OGG Vorbis. */
  convert?: boolean;
  delayMs?: number;
}

export interface SttRequest {
  path: string;
  model?: string;
  responseFormat?: string;
  language?: string;
  authorization?: string;
  file?: { fileName: string; mimeType: string; size: number; head: string };
  status: number;
}

const MAX_BYTES = 25 * 1024 * 1024;
const NAMES: Record<string, string> = { en: 'english', de: 'german', fr: 'french', es: 'spanish' };

type Container = 'wav' | 'mp3' | 'flac' | 'ogg-opus' | 'ogg-vorbis' | 'webm' | 'mp4' | null;

/** What the bytes are, by their first bytes, as a decoder would find out. */
function containerOf(bytes: Uint8Array): Container {
  const ascii = (from: number, to: number) => Buffer.from(bytes.slice(from, to)).toString('latin1');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'mp3';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return ascii(0, 200).includes('OpusHead') ? 'ogg-opus' : ascii(0, 200).includes('vorbis') ? 'ogg-vorbis' : null;
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  return null;
}

export async function startFakeStt(options: FakeSttOptions = {}) {
  const flavour = options.flavour ?? 'openai';
  const path = options.path ?? '/v1/audio/transcriptions';
  const life = createFakeLifecycle();
  const failures: SttFailure[] = [];
  const requests: SttRequest[] = [];
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let maxInFlight = 0;

  const state = {
    delayMs: options.delayMs ?? 0,
    transcript: options.transcript ?? 'Hello, I would like to book an appointment.',
    language: options.language ?? 'en',
  };

  function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
    return status;
  }

  /** The error body each server writes. */
  function error(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
    if (flavour === 'whisper.cpp') return send(res, 200, { error: message });
    if (flavour === 'speaches') return send(res, status, { detail: message }, 'application/json', extra);
    if (flavour === 'localai') return send(res, status, { error: { code: status, message, type: '' } }, 'application/json', extra);
    return send(res, status, { error: { message, type: status === 429 ? 'requests' : 'invalid_request_error', param: null, code: null } }, 'application/json', extra);
  }

  async function transcribe(req: IncomingMessage, res: ServerResponse, log: SttRequest): Promise<number> {
    const failure = failures.shift();
    if (failure === 'rateLimited') return error(res, 429, 'Rate limit reached for requests. Please try again in 1s.', { 'retry-after': '1' });
    if (failure === 'serverError') return send(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
    if (failure === 'badGateway') return send(res, 502, '<html><body>502 Bad Gateway</body></html>', 'text/html');
    if (failure === 'hang') await sleep(3_600_000, life.signal);

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return error(res, 401, 'Incorrect API key provided.');
    }
    const raw = await readBody(req);
    if (raw.byteLength > MAX_BYTES) {
      return flavour === 'openai' ? error(res, 413, 'Maximum content size limit (26214400) exceeded.') : error(res, 400, 'File is too large.');
    }
    let fields: Record<string, unknown>;
    try {
      fields = await parseMultipart(raw, req.headers['content-type'] ?? '');
    } catch {
      return error(res, 400, flavour === 'whisper.cpp' ? "no 'file' field in the request" : 'Expected multipart/form-data.');
    }
    const file = fields.file;
    const model = typeof fields.model === 'string' ? fields.model : undefined;
    const format = typeof fields.response_format === 'string' ? fields.response_format : 'json';
    Object.assign(log, { model, responseFormat: format, language: fields.language as string | undefined });
    if (!isUpload(file)) return error(res, 400, flavour === 'whisper.cpp' ? "no 'file' field in the request" : "Missing required parameter: 'file'.");
    log.file = { fileName: file.fileName, mimeType: file.mimeType, size: file.bytes.byteLength, head: Buffer.from(file.bytes.slice(0, 4)).toString('latin1') };
    if (flavour !== 'whisper.cpp' && !model) return error(res, 400, "Missing required parameter: 'model'.");
    if (flavour === 'speaches' && options.models && !options.models.includes(model!)) {
      return error(res, 404, `Model '${model}' is not installed locally. You can download the model using \`POST /v1/models\``);
    }
    if (flavour === 'localai' && options.models && !options.models.includes(model!)) return error(res, 400, 'could not load model');
    if (flavour === 'localai' && format === 'text') return error(res, 400, 'invalid response_format');
    if (flavour === 'openai' && !/\.(flac|mp3|mp4|mpeg|mpga|m4a|ogg|wav|webm)$/i.test(file.fileName)) {
      return error(res, 400, 'Invalid file format. Supported formats: [\'flac\', \'m4a\', \'mp3\', \'mp4\', \'mpeg\', \'mpga\', \'oga\', \'ogg\', \'wav\', \'webm\']');
    }
    const container = containerOf(file.bytes);
    const decodable = flavour === 'whisper.cpp' && !options.convert ? ['wav', 'mp3', 'flac', 'ogg-vorbis'].includes(container ?? '') : container !== null;
    if (!decodable) {
      if (flavour === 'speaches') return error(res, 415, 'Failed to decode audio. The provided file type is not supported.');
      return error(res, 400, flavour === 'whisper.cpp' ? 'failed to read audio data' : 'Audio file might be corrupted or unsupported');
    }

    // whisper.cpp serialises requests behind one mutex; the others answer in parallel
    const work = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (state.delayMs) await sleep(state.delayMs, life.signal);
      } finally {
        inFlight--;
      }
    };
    if (flavour === 'whisper.cpp') {
      const mine = queue.then(work);
      queue = mine.catch(() => {});
      await mine;
    } else await work();

    const text = typeof state.transcript === 'function' ? state.transcript(file) : state.transcript;
    if (format === 'text' || format === 'txt') return send(res, 200, `${text}\n`, flavour === 'whisper.cpp' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
    if (format === 'verbose_json' || (flavour === 'localai' && format === '')) {
      const language = flavour === 'speaches' || flavour === 'localai' ? state.language : (NAMES[state.language] ?? state.language);
      return send(res, 200, { task: 'transcribe', language, duration: 4.2, text, segments: [{ id: 0, start: 0, end: 4.2, text }] });
    }
    // json: whisper.cpp and OpenAI give text alone; LocalAI adds what it knows
    if (flavour === 'localai') return send(res, 200, { text, language: state.language, duration: 4.2 });
    if (flavour === 'speaches') return send(res, 200, { text, logprobs: null, usage: null });
    return send(res, 200, flavour === 'openai' ? { text, usage: { type: 'duration', seconds: 4 } } : { text });
  }

  const server = await serveLocally(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const log: SttRequest = { path: url.pathname, authorization: req.headers.authorization, status: 0 };
    if (req.method === 'POST' && url.pathname === path) {
      requests.push(log);
      await life.track(transcribe(req, res, log).then((status) => void (log.status = status)));
      return;
    }
    if (url.pathname === '/health') return void send(res, 200, 'OK', 'text/plain');
    send(res, 404, flavour === 'speaches' ? { detail: 'Not Found' } : { error: { message: `Invalid URL (POST ${url.pathname})`, type: 'invalid_request_error' } });
  });

  return {
    url: `${server.origin}${path}`,
    origin: server.origin,
    requests,
    /** The most transcriptions it was working on at once. */
    get maxInFlight() {
      return maxInFlight;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    set transcript(value: string | ((file: UploadedFile) => string)) {
      state.transcript = value;
    },
    set language(value: string) {
      state.language = value;
    },
    /** The next requests fail this way, in order. */
    failNext(...kinds: SttFailure[]) {
      failures.push(...kinds);
    },
    async stop() {
      await life.shutdown(server);
    },
  };
}

export type FakeStt = Awaited<ReturnType<typeof startFakeStt>>;
