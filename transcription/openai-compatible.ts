import { wavBytes } from './audio';
import { extensionOf, languageCode, TRANSCRIBE_MAX_BYTES, TranscriptionFailed, type TranscriptionEngine } from './engine';

export interface OpenAICompatibleOptions {
  /** The full endpoint, e.g. `https://api.openai.com/v1/audio/transcriptions` or whisper.cpp's `http://host:8080/inference`. */
  url: string;
  apiKey?: string;
  /** Sent as `model`; whisper.cpp ignores it, speaches and LocalAI require one they have installed. */
  model: string;
  /** Per request. */
  timeoutMs?: number;
  /** Tries for 429, 5xx, timeouts and refused connections, the first included. */
  attempts?: number;
  /** The first wait between tries; doubles each time (a Retry-After header wins, up to 30 s). */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/**
 * An OpenAI-compatible transcription endpoint (PLATFORMS.md F): OpenAI itself, speaches, LocalAI,
 * whisper.cpp's server. Multipart with `file` (a filename with an extension), `model` and
 * `response_format=json`; reads `text` (and `language` where given); a JSON body with `error` or
 * `detail` is a failure even with HTTP 200 (whisper.cpp). whisper.cpp's `/inference` gets 16 kHz
 * WAV, since it cannot decode OGG/Opus without `--convert`.
 */
export function createOpenAICompatibleEngine(options: OpenAICompatibleOptions): TranscriptionEngine {
  const doFetch = options.fetch ?? fetch;
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const waitText = `${Math.max(1, Math.round(timeoutMs / 1000))} s`;
  const wantsWav = /\/inference\/?$/.test(new URL(options.url).pathname);

  return {
    name: 'openai-compatible',
    async transcribe(audio, { signal } = {}) {
      const bytes = wantsWav ? await wavBytes(audio.bytes, { signal }) : audio.bytes;
      const mimeType = wantsWav ? 'audio/wav' : (audio.mimeType ?? 'audio/ogg').split(';')[0].trim();
      if (bytes.byteLength > TRANSCRIBE_MAX_BYTES) throw new TranscriptionFailed('The audio is larger than 25 MB, more than the transcription server accepts.', false);
      let last: TranscriptionFailed | undefined;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          return await requestOnce(bytes, mimeType, signal);
        } catch (error) {
          if (!(error instanceof TranscriptionFailed) || !error.retryable || signal?.aborted) throw error;
          last = error;
          if (attempt === attempts) break;
          const wait = error.retryAfterSeconds !== undefined ? Math.min(30_000, error.retryAfterSeconds * 1000) : backoffMs * 2 ** (attempt - 1);
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
      throw last!;
    },
  };

  async function requestOnce(bytes: Uint8Array, mimeType: string, signal?: AbortSignal) {
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }), `voice-note.${extensionOf(mimeType)}`);
    form.append('model', options.model);
    form.append('response_format', 'json');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await doFetch(options.url, { method: 'POST', body: form, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      if (timeout.aborted) throw new TranscriptionFailed(`The transcription server did not answer within ${waitText}.`, true);
      if (signal?.aborted) throw new TranscriptionFailed('The transcription was stopped.', false);
      throw new TranscriptionFailed(`The transcription server at ${new URL(options.url).host} could not be reached.`, true);
    }
    let body: string;
    try {
      body = await response.text();
    } catch {
      throw new TranscriptionFailed(`The transcription server did not answer within ${waitText}.`, true);
    }
    const json = parseJson(body);
    const reason = json && typeof json === 'object' ? errorText(json as Record<string, unknown>) : null;
    if (!response.ok || reason) throw failure(response, reason ?? body.slice(0, 200));
    if (json && typeof json === 'object' && typeof (json as { text?: unknown }).text === 'string') {
      const j = json as { text: string; language?: unknown };
      return { text: j.text.trim(), language: languageCode(j.language) };
    }
    // a plain-text body (response_format ignored, or a `text` server)
    if (json === undefined && body.trim()) return { text: body.trim(), language: null };
    throw new TranscriptionFailed('The transcription server answered without any text.', true);
  }

  function failure(response: Response, reason: string): TranscriptionFailed {
    const s = response.status;
    const detail = reason ? ` (${reason})` : '';
    if (s === 429) {
      const after = Number(response.headers.get('retry-after'));
      return new TranscriptionFailed(`The transcription server is busy or over its quota${detail}.`, true, Number.isFinite(after) && after >= 0 ? after : undefined);
    }
    if (s >= 500) return new TranscriptionFailed(`The transcription server had an error (HTTP ${s})${detail}.`, true);
    if (s === 413) return new TranscriptionFailed('The audio is larger than the transcription server accepts.', false);
    if (s === 415) return new TranscriptionFailed('The transcription server could not decode this audio file.', false);
    if (s === 401 || s === 403) return new TranscriptionFailed('The transcription server refused our key (TRANSCRIBE_API_KEY). Tell your admin.', false);
    if (s === 404) return new TranscriptionFailed(`The transcription server does not know the model "${options.model}" or the address ${new URL(options.url).pathname} (TRANSCRIBE_MODEL, TRANSCRIBE_URL)${detail}. Tell your admin.`, false);
    if (s === 200) return new TranscriptionFailed(`The transcription server could not transcribe this audio${detail}.`, false);
    return new TranscriptionFailed(`The transcription server refused the audio (HTTP ${s})${detail}.`, false);
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** OpenAI's `{error: {message}}`, whisper.cpp's `{error: "..."}`, FastAPI's `{detail: "..." | [...]}`. */
function errorText(json: Record<string, unknown>): string | null {
  const e = json.error ?? json.detail;
  if (e === undefined || e === null) return null;
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && !Array.isArray(e) && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  if (Array.isArray(e)) return e.map((d) => (d && typeof d === 'object' && 'msg' in d ? String((d as { msg: unknown }).msg) : String(d))).join('; ');
  return JSON.stringify(e).slice(0, 200);
}
