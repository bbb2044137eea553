import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where downloaded media lives; files are named by key, never by anything a customer sent. */
export interface MediaStore {
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
}

/** `YYYY-MM/<uuid>`: the same keys whichever store holds the bytes. */
export function newMediaKey(now = new Date()): string {
  return `${now.toISOString().slice(0, 7)}/${randomUUID()}`;
}

export function isMediaKey(key: string): boolean {
  return /^\d{4}-\d{2}\/[0-9a-f-]{36}$/.test(key);
}

export function createFileMediaStore(dataDir: string): MediaStore {
  // an in-memory database (tests) keeps its files in a temp folder of this process
  const root = dataDir.startsWith('memory://') ? path.join(os.tmpdir(), `chats-media-${process.pid}`) : path.resolve(dataDir, 'media');
  const fileOf = (key: string) => {
    if (!isMediaKey(key)) throw new Error('Not a media key');
    return path.join(root, key);
  };
  return {
    async put(bytes) {
      const key = newMediaKey();
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await writeFile(fileOf(key), bytes);
      return key;
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
