/**
 * A small S3-compatible object store served over real HTTP on 127.0.0.1, path-style only
 * (`/<bucket>/<key>`): PUT, GET, HEAD and DELETE of objects. Every request must carry an AWS
 * Signature Version 4 `Authorization` header, which is checked in full against the configured
 * secret (canonical request, scope, payload hash), as S3 does; failures answer S3's XML error
 * document: 403 `AccessDenied` (unsigned), `InvalidAccessKeyId`, `SignatureDoesNotMatch`,
 * `RequestTimeTooSkewed`, 400 `XAmzContentSHA256Mismatch`, 404 `NoSuchBucket` / `NoSuchKey`.
 *
 *   const s3 = await startFakeS3({ bucket: 'chats-media', accessKeyId: 'AKIAFAKE', secretAccessKey: 'secret' });
 *   // point the app at S3_ENDPOINT=s3.url with S3_FORCE_PATH_STYLE=true
 *   expect(s3.objects.get('2026-11/…')?.bytes).toEqual(...);
 *   await s3.stop();
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, serveLocally } from './fake-utils';

export interface FakeS3Object {
  bytes: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface FakeS3Request {
  method: string;
  /** Path and query as sent. */
  url: string;
  key?: string;
  accessKeyId?: string;
  status: number;
  /** The S3 error code when it failed. */
  error?: string;
}

export interface FakeS3Options {
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** Allowed difference between x-amz-date and the fake's clock; S3 allows 15 minutes. */
  maxSkewMs?: number;
}

export interface FakeS3 {
  /** Endpoint for S3_ENDPOINT, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  bucket: string;
  /** Objects of the bucket by key. */
  objects: Map<string, FakeS3Object>;
  requests: FakeS3Request[];
  stop(): Promise<void>;
}

class S3Fault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3> {
  const region = options.region ?? 'us-east-1';
  const objects = new Map<string, FakeS3Object>();
  const requests: FakeS3Request[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const rawUrl = req.url ?? '/';
    const [rawPath] = rawUrl.split('?');
    const method = req.method ?? 'GET';
    const record: FakeS3Request = { method, url: rawUrl, status: 0 };
    requests.push(record);
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    try {
      record.accessKeyId = authenticate(req, method, rawUrl, body);
      const segments = rawPath.split('/').slice(1);
      const bucket = decodeURIComponent(segments[0] ?? '');
      const key = segments.slice(1).map(decodeURIComponent).join('/');
      record.key = key || undefined;
      if (bucket !== options.bucket) throw new S3Fault(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      if (!key) throw new S3Fault(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented');
      if (method === 'PUT') {
        if (req.headers['content-encoding']?.includes('aws-chunked')) {
          throw new S3Fault(501, 'NotImplemented', 'This fake does not decode aws-chunked uploads');
        }
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, { bytes: body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', etag, lastModified: new Date() });
        record.status = 200;
        res.writeHead(200, { etag, 'x-amz-request-id': requestId, 'content-length': '0' }).end();
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        const object = objects.get(key);
        if (!object) {
          if (method === 'HEAD') throw new S3Fault(404, 'NoSuchKey', '');
          throw new S3Fault(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        }
        record.status = 200;
        res.writeHead(200, {
          'content-type': object.contentType,
          'content-length': String(object.bytes.byteLength),
          etag: object.etag,
          'last-modified': object.lastModified.toUTCString(),
          'accept-ranges': 'bytes',
          'x-amz-request-id': requestId,
        });
        res.end(method === 'HEAD' ? undefined : object.bytes);
        return;
      }
      if (method === 'DELETE') {
        // S3 answers 204 whether or not the key existed
        objects.delete(key);
        record.status = 204;
        res.writeHead(204, { 'x-amz-request-id': requestId }).end();
        return;
      }
      throw new S3Fault(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method, ResourceType: 'OBJECT' });
    } catch (error) {
      const fault = error instanceof S3Fault ? error : new S3Fault(500, 'InternalError', `We encountered an internal error (fake bug: ${String(error)}).`);
      record.status = fault.status;
      record.error = fault.code;
      const fields = Object.entries({ Code: fault.code, Message: fault.message, ...fault.extra, RequestId: requestId, HostId: randomBytes(24).toString('base64') });
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields.map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</Error>`;
      res.writeHead(fault.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
      res.end(method === 'HEAD' ? undefined : xml);
    }
  }

  /** Checks the SigV4 Authorization header; returns the access key id it was made with. */
  function authenticate(req: IncomingMessage, method: string, rawUrl: string, body: Buffer): string {
    const header = req.headers.authorization;
    if (!header) throw new S3Fault(403, 'AccessDenied', 'Access Denied');
    const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(header);
    if (!match) throw new S3Fault(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
    const [, accessKeyId, scopeDate, scopeRegion, signedHeaders, signature] = match;
    if (accessKeyId !== options.accessKeyId) {
      throw new S3Fault(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId });
    }
    if (scopeRegion !== region) {
      throw new S3Fault(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${region}'`, { Region: region });
    }
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!when || amzDate.slice(0, 8) !== scopeDate) throw new S3Fault(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
    const at = Date.UTC(+when[1], +when[2] - 1, +when[3], +when[4], +when[5], +when[6]);
    if (Math.abs(Date.now() - at) > (options.maxSkewMs ?? 15 * 60_000)) {
      throw new S3Fault(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!payloadHash) throw new S3Fault(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    if (/^[0-9a-f]{64}$/.test(payloadHash)) {
      const actual = body.length ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256;
      if (actual !== payloadHash) {
        throw new S3Fault(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
          ClientComputedContentSHA256: payloadHash,
          S3ComputedContentSHA256: actual,
        });
      }
    } else if (payloadHash !== 'UNSIGNED-PAYLOAD') {
      throw new S3Fault(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 hex digest');
    }

    const [path, query = ''] = rawUrl.split('?');
    const canonicalQuery = query
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [k, v = ''] = pair.split('=');
        return [encodeRfc3986(decodeURIComponent(k)), encodeRfc3986(decodeURIComponent(v))];
      })
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const names = signedHeaders.split(';');
    if (!names.includes('host')) throw new S3Fault(403, 'AccessDenied', 'The host header must be signed');
    const canonicalHeaders = names
      .map((name) => {
        const value = req.headers[name];
        const text = Array.isArray(value) ? value.join(',') : (value ?? '');
        return `${name}:${String(text).trim().replace(/\s+/g, ' ')}\n`;
      })
      .join('');
    // S3 signs the path as sent (already URI-encoded once), without normalising it
    const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
    const scope = `${scopeDate}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    let signingKey = hmac(`AWS4${options.secretAccessKey}`, scopeDate);
    for (const part of [region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
    const expected = createHmac('sha256', signingKey).update(stringToSign).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new S3Fault(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        { AWSAccessKeyId: accessKeyId, StringToSign: stringToSign, SignatureProvided: signature, CanonicalRequest: canonicalRequest },
      );
    }
    return accessKeyId;
  }

  const server = await serveLocally(handle);
  return {
    url: server.origin,
    bucket: options.bucket,
    objects,
    requests,
    stop: server.close,
  };
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
