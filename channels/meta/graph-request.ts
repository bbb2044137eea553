import { networkError, parseJson } from '../http';
import { extractGraphError } from './graph-error';

export interface GraphRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** JSON to send, or a FormData for a multipart upload (which sets its own content type). */
  body?: unknown;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Who we are talking to, for the "could not reach …" sentence. */
  platform: string;
  /** A secret that travels in the URL and must never show in an error text. */
  secret?: string;
  /** Turns Meta's error answer into the caller's typed error. */
  toError(status: number, body: unknown, retryAfter: string | null): Error;
}

/** One Graph API round trip: send, read, and map a non-2xx or an `error` body to a typed error. */
export async function graphRequest(request: GraphRequest): Promise<unknown> {
  const form = request.body instanceof FormData ? request.body : undefined;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined && !form) headers['content-type'] = 'application/json';
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      method: request.method,
      headers,
      body: form ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    throw networkError(request.platform, error, request.timeoutMs, request.secret);
  }
  const body = parseJson(text);
  if (status < 200 || status > 299 || extractGraphError(body) !== undefined) throw request.toError(status, body ?? text, retryAfter);
  return body;
}
