/**
 * Speech to text behind one interface: an OpenAI-compatible server (TRANSCRIBE_URL) or the local
 * engine (pocketsphinx from Debian, offline). Engines know nothing of messages or GraphQL.
 */
export interface AudioInput {
  bytes: Uint8Array;
  /** What the file is, e.g. `audio/ogg; codecs=opus`; picks the filename extension sent. */
  mimeType: string | null;
}

export interface TranscriptResult {
  text: string;
  /** ISO-639-1 where the engine says (`en`), else null. */
  language: string | null;
}

export interface TranscriptionEngine {
  /** `local` or `openai-compatible`: for logs and the benchmark. */
  readonly name: string;
  transcribe(audio: AudioInput, options?: { signal?: AbortSignal }): Promise<TranscriptResult>;
}

/**
 * A transcription that did not work, with a sentence an operator understands. `retryable` says
 * whether the same request can work later (a server that is down or busy), not a file it refused.
 */
export class TranscriptionFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'TranscriptionFailed';
  }
}

/** The largest file sent to a transcription server (OpenAI's limit; most self-hosted ones follow it). */
export const TRANSCRIBE_MAX_BYTES = 25 * 1024 * 1024;
/** The longest voice note we transcribe. */
export const TRANSCRIBE_MAX_SECONDS = 5 * 60;

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  polish: 'pl',
  russian: 'ru',
  ukrainian: 'uk',
  turkish: 'tr',
  arabic: 'ar',
  chinese: 'zh',
  japanese: 'ja',
};

/** whisper.cpp and OpenAI's verbose output name the language ("english"), speaches gives "en": one form. */
export function languageCode(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const v = value.trim().toLowerCase();
  if (/^[a-z]{2,3}$/.test(v)) return v;
  return LANGUAGE_NAMES[v] ?? v;
}

/** The filename extension a server needs to guess the codec from, by content type. */
export function extensionOf(mimeType: string | null): string {
  const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  const map: Record<string, string> = {
    'audio/ogg': 'ogg',
    'audio/opus': 'ogg',
    'audio/mpeg': 'mp3',
    'audio/mp3': 'mp3',
    'audio/mp4': 'm4a',
    'audio/x-m4a': 'm4a',
    'audio/m4a': 'm4a',
    'audio/aac': 'm4a',
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/wave': 'wav',
    'audio/webm': 'webm',
    'video/webm': 'webm',
    'audio/flac': 'flac',
    'video/mp4': 'mp4',
    'audio/amr': 'amr',
  };
  return map[type] ?? 'ogg';
}
