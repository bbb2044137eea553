import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { buildViewer } from '../auth/viewer';
import type { Deps } from '../domain/deps';
import { MAX_ATTACHMENTS, MEDIA_MAX_BYTES } from '../lib/media-limits';

/** The largest request: a message with as many files as allowed, each as large as allowed, and its text. */
export const MAX_REQUEST_BYTES = MAX_ATTACHMENTS * MEDIA_MAX_BYTES + 1024 * 1024;

/** Any other request (JSON, a GraphQL string): the UI's largest is about 3 KB. */
export const MAX_OPERATION_BYTES = 128 * 1024;

const TOO_LARGE = `The request body is larger than ${MAX_OPERATION_BYTES / 1024} KB. Send a shorter operation with smaller variables; files go as a GraphQL multipart upload.`;

const tooLarge = () => createGraphQLError(TOO_LARGE, { extensions: { http: { status: 413 }, code: 'QUERY_TOO_COMPLEX' } });

/**
 * Uploads (multipart requests) are read into memory before an operation runs, so only a signed-in
 * operator or a valid API key may send one: anyone else is turned away before the body is read.
 * Every other request is held to MAX_OPERATION_BYTES, refused by its declared length before a byte
 * is read (or counted as it streams in); only uploads get the larger MAX_REQUEST_BYTES.
 */
export function useUploadGuard(deps: Deps): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || !request.body) return;
      if (!request.headers.get('content-type')?.toLowerCase().includes('multipart/form-data')) {
        const declared = Number(request.headers.get('content-length') ?? 0);
        if (declared > MAX_OPERATION_BYTES) return endResponse(errorResponse(fetchAPI, 413, TOO_LARGE, 'QUERY_TOO_COMPLEX'));
        // a body without a length (chunked) is counted as it is read
        if (!request.headers.has('content-length')) setRequest(limitBody(request, MAX_OPERATION_BYTES, fetchAPI));
        return;
      }
      const viewer = await buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') });
      if (viewer) return;
      endResponse(errorResponse(fetchAPI, 401, 'Sign in, or send an API key as "Authorization: Bearer <key>", before uploading files.', 'UNAUTHENTICATED'));
    },
  };
}

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, message: string, code: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function limitBody(request: Request, limit: number, fetchAPI: { Request: typeof Request }): Request {
  let read = 0;
  const body = request.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}
