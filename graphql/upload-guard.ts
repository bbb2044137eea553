import type { GraphQLError } from 'graphql';
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

/** A multipart request over MAX_REQUEST_BYTES (Yoga's own code and status for it). */
const UPLOAD_TOO_LARGE = `The request is larger than ${MAX_ATTACHMENTS} files of ${MEDIA_MAX_BYTES / 1024 / 1024} MB each: send fewer or smaller files.`;
const uploadTooLarge = () => createGraphQLError(UPLOAD_TOO_LARGE, { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });

interface Cap {
  bytes: number;
  error: () => GraphQLError;
}
const OPERATION: Cap = { bytes: MAX_OPERATION_BYTES, error: tooLarge };
const UPLOAD: Cap = { bytes: MAX_REQUEST_BYTES, error: uploadTooLarge };

/** Only a single non-negative integer is a Content-Length (not "1, 2" as in request smuggling). */
const CONTENT_LENGTH = /^\d+$/;

/**
 * Uploads (multipart requests) are read into memory before an operation runs, so only a signed-in
 * operator or a valid API key may send one: anyone else is turned away before the body is read.
 * Every other request is held to MAX_OPERATION_BYTES, refused by its declared length before a byte
 * is read (or counted as it streams in); only uploads get the larger MAX_REQUEST_BYTES.
 *
 * This is the only body limit (Yoga's maxRequestBodySize is off): Yoga's pipes every body through a
 * counting stream even when its length is declared, which cost a fifth of a small query's time. A
 * declared length is enough, since Node's HTTP parser never hands on more body than it declares;
 * only a body without one (chunked) is counted as it is read.
 */
export function useUploadGuard(deps: Deps): Plugin {
  return {
    onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      // answered without a promise unless a viewer must be looked up: an extra await per request costs under load
      if (!request.headers.get('content-type')?.toLowerCase().includes('multipart/form-data')) return holdTo(OPERATION);
      if (!request.body) return;
      return buildViewer(deps.db, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') }).then((viewer) => {
        if (viewer) return holdTo(UPLOAD);
        endResponse(errorResponse(fetchAPI, 401, 'Sign in, or send an API key as "Authorization: Bearer <key>", before uploading files.', 'UNAUTHENTICATED'));
      });

      function holdTo(cap: Cap) {
        // a declared length is checked without touching `request.body`, which makes a stream of a body given as a string
        const declared = request.headers.get('content-length');
        if (declared === null) return request.body ? setRequest(limitBody(request, cap.bytes, cap.error, fetchAPI)) : undefined;
        if (!CONTENT_LENGTH.test(declared)) return endResponse(errorResponse(fetchAPI, 400, 'The Content-Length header is not a number of bytes.', 'BAD_REQUEST'));
        if (Number(declared) > cap.bytes) return endResponse(errorResponse(fetchAPI, 413, cap.error().message, String(cap.error().extensions.code)));
      }
    },
  };
}

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, message: string, code: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function limitBody(request: Request, limit: number, tooLargeError: () => Error, fetchAPI: { Request: typeof Request }): Request {
  let read = 0;
  const body = request.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLargeError());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}
