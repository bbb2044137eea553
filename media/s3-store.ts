import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { S3Config } from '../config';
import { isMediaKey, newMediaKey, type MediaStore } from './store';

/** Something the operator of the server has to fix (credentials, bucket name, endpoint). */
export class MediaStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaStoreError';
  }
}

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph...), under the same keys as on disk
 * (`YYYY-MM/<uuid>`), so switching stores needs no change to the database.
 */
export function createS3MediaStore(config: S3Config): MediaStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
    // The SDK's default CRC32 trailers are not understood by every S3-compatible service; a
    // checksum is only sent where S3 requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const where = `bucket "${config.bucket}"${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  const keyOf = (key: string) => {
    if (!isMediaKey(key)) throw new Error('Not a media key');
    return key;
  };
  const explain = (action: string, error: unknown): MediaStoreError => {
    const code = error instanceof S3ServiceException ? error.name : undefined;
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    const hint =
      code === 'SignatureDoesNotMatch' || code === 'InvalidAccessKeyId' || code === 'AccessDenied' || status === 403
        ? 'check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY and the key\'s permissions on the bucket'
        : code === 'NoSuchBucket'
          ? 'check S3_BUCKET (the bucket must exist)'
          : 'check S3_ENDPOINT, S3_REGION and S3_FORCE_PATH_STYLE';
    const detail = code ?? (error instanceof Error ? error.message : String(error));
    return new MediaStoreError(`Could not ${action} media in ${where} (${detail}); ${hint}.`, { cause: error });
  };

  return {
    async put(bytes) {
      const key = newMediaKey();
      try {
        await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes, ContentLength: bytes.byteLength }));
      } catch (error) {
        throw explain('store', error);
      }
      return key;
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: keyOf(key) }));
        return object.Body ? await object.Body.transformToByteArray() : new Uint8Array(0);
      } catch (error) {
        if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404) && error.name !== 'NoSuchBucket') {
          return null;
        }
        throw explain('read', error);
      }
    },
    async remove(key) {
      try {
        // S3 answers 204 whether or not the object existed
        await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: keyOf(key) }));
      } catch (error) {
        throw explain('delete', error);
      }
    },
  };
}
