import type { Config } from '../config';
import type { TranscriptionEngine } from './engine';
import { createLocalEngine } from './local-engine';
import { createOpenAICompatibleEngine } from './openai-compatible';

/** TRANSCRIBE_URL set: that server; unset: the local engine (API.md). */
export function createTranscriptionEngine(config: Config['transcribe'], fetchImpl?: typeof fetch): TranscriptionEngine {
  // per 60 s piece: generous, a busy machine decodes slower than real time
  if (!config.url) return createLocalEngine({ timeoutMs: Math.max(240, config.timeoutSeconds) * 1000 });
  return createOpenAICompatibleEngine({
    url: config.url,
    apiKey: config.apiKey,
    model: config.model,
    timeoutMs: config.timeoutSeconds * 1000,
    fetch: fetchImpl,
  });
}
