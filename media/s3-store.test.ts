import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { startFakeS3, type FakeS3 } from '../tests/fakes/s3';
import { createS3MediaStore, MediaStoreError } from './s3-store';
import { isMediaKey } from './store';

const BUCKET = 'chats-media';
const KEY_ID = 'AKIAFAKECHATS0000001';
const SECRET = 'fake/secret+key/0123456789abcdefghijklmn';

describe('S3 media store', () => {
  let s3: FakeS3;
  const config = (overrides: Record<string, string> = {}) =>
    loadConfig({
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_FORCE_PATH_STYLE: 'true',
      ...overrides,
    }).s3!;

  beforeAll(async () => {
    s3 = await startFakeS3({ bucket: BUCKET, accessKeyId: KEY_ID, secretAccessKey: SECRET });
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it('stores bytes under the same keys as the disk store, signed with the configured key, and reads them back', async () => {
    const store = createS3MediaStore(config());
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const key = await store.put(bytes);
    expect(isMediaKey(key)).toBe(true);
    expect(s3.objects.get(key)?.bytes).toEqual(Buffer.from(bytes));
    expect(s3.requests.at(-1)).toMatchObject({ method: 'PUT', key, accessKeyId: KEY_ID, status: 200 });
    expect(await store.get(key)).toEqual(bytes);
  });

  it('a key that is not there reads as null (S3 NoSuchKey), and deleting removes the object', async () => {
    const store = createS3MediaStore(config());
    expect(await store.get('2026-11/00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(s3.requests.at(-1)).toMatchObject({ status: 404, error: 'NoSuchKey' });
    const key = await store.put(new Uint8Array([1, 2, 3]));
    await store.remove(key);
    expect(s3.objects.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    // deleting again is fine, as on S3
    await expect(store.remove(key)).resolves.toBeUndefined();
  });

  it('a wrong secret is refused by S3 (SignatureDoesNotMatch) with a sentence that says what to check', async () => {
    const store = createS3MediaStore(config({ S3_SECRET_ACCESS_KEY: 'not-the-secret' }));
    const error = await store.put(new Uint8Array([1])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaStoreError);
    expect((error as Error).message).toMatch(/SignatureDoesNotMatch.*check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
    expect(s3.requests.at(-1)).toMatchObject({ status: 403, error: 'SignatureDoesNotMatch' });
  });

  it('an unknown access key or bucket is refused too, and never reads as a missing file', async () => {
    const wrongKey = createS3MediaStore(config({ S3_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000' }));
    await expect(wrongKey.get('2026-11/00000000-0000-4000-8000-000000000000')).rejects.toThrow(/InvalidAccessKeyId/);
    const wrongBucket = createS3MediaStore(config({ S3_BUCKET: 'no-such-bucket' }));
    await expect(wrongBucket.get('2026-11/00000000-0000-4000-8000-000000000000')).rejects.toThrow(/NoSuchBucket.*check S3_BUCKET/);
  });

  it('refuses anything that is not a media key, before asking S3', async () => {
    const store = createS3MediaStore(config());
    const before = s3.requests.length;
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/Not a media key/);
    expect(s3.requests).toHaveLength(before);
  });

  it('configuration: S3_BUCKET turns S3 on; a key id without its secret is refused', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ S3_BUCKET: 'b' }).s3).toEqual({
      bucket: 'b',
      endpoint: undefined,
      region: 'us-east-1',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
    });
    expect(() => loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'x' })).toThrow(/must be set together/);
    expect(() => loadConfig({ S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
