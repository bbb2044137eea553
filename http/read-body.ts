/**
 * The most a webhook body may weigh. Meta batches at most a few hundred small events and Telegram
 * sends one update per request, so real bodies stay far below; anything bigger is refused before
 * it is read whole (its signature can only be checked over the complete bytes).
 */
export const WEBHOOK_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * After refusing a body, how long and how much more of it is read and dropped before the
 * connection is cut. Closing at once with unread bytes makes the kernel reset the connection, and
 * a reset can destroy our answer before the sender reads it; a short linger lets the 413 or 401
 * arrive (nginx's "lingering close"), and the caps keep an endless sender from being read whole.
 */
export const LINGER_MS = 1000;
export const LINGER_BYTES = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body up to `limit` bytes: a declared Content-Length over the limit is refused
 * without reading a byte, and a body without one (chunked) is read only until it passes the limit.
 * Either way the rest is left to `lingerThenClose`, started here.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    lingerThenClose(request);
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
      chunks.length = 0;
      void linger(reader);
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

/**
 * For a body we will not read: drops at most LINGER_BYTES of it over LINGER_MS while our answer
 * goes out, then cancels it (which closes the connection unless the body had ended).
 */
export function lingerThenClose(request: Request) {
  if (request.body && !request.bodyUsed) void linger(request.body.getReader());
}

async function linger(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LINGER_MS);
  });
  try {
    let drained = 0;
    while (drained < LINGER_BYTES) {
      const next = await Promise.race([reader.read(), timeUp]);
      if (!next) break;
      if (next.done) return;
      drained += next.value.byteLength;
    }
    // stop reading, and give the answer the rest of the time to reach the sender
    await timeUp;
  } catch {
    return;
  } finally {
    clearTimeout(timer);
  }
  await reader.cancel().catch(() => {});
}

export const tooLarge = (limit: number) =>
  new Response(`The body is larger than this endpoint accepts (${limit} bytes).`, { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
