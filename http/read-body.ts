/**
 * The most a webhook body may weigh. Meta batches at most a few hundred small events and Telegram
 * sends one update per request, so real bodies stay far below; anything bigger is refused before
 * it is read whole (its signature can only be checked over the complete bytes).
 */
export const WEBHOOK_BODY_LIMIT = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body up to `limit` bytes: a declared Content-Length over the limit is refused
 * without reading a byte, and a body without one (chunked) is read only until it passes the limit,
 * then the stream is cancelled.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** 413, and the connection closes, so the rest of the body is not read off the socket either. */
export const tooLarge = (limit: number) =>
  new Response(`The body is larger than this endpoint accepts (${limit} bytes).`, {
    status: 413,
    headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
  });
