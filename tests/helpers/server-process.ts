import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { signMetaBody } from '../../channels/meta/signature';
import { migrateDatabase, openDatabase, type Database } from '../../db/client';
import { channels } from '../../db/schema';
import { pageBody, textEvent } from './meta-webhook';
import { TEST_APP_SECRET } from './runtime';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends a signal and resolves with the exit code (null when killed by a signal). */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * `tsx server.ts` as `npm start` runs it (production build, its own process), on a free port. The
 * live and browser suites share the build `npm test` makes first.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-proc-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: dataDir,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      META_APP_SECRET: TEST_APP_SECRET,
      META_GRAPH_URL: 'http://127.0.0.1:9/v24.0',
      CHAT_HISTORY_LIMIT: '0',
      RATE_LIMIT_API_KEY: '0',
      RATE_LIMIT_SESSION: '0',
      RATE_LIMIT_SIGNED_OUT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  child.stderr!.on('data', (b: Buffer) => void (output = (output + b.toString()).slice(-20_000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${output}`)), 120_000);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output = (output + line + '\n').slice(-20_000);
      const match = line.match(/running at http:\/\/localhost:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** One Messenger message per delivery: its `mid` is the id it must be stored under once. */
export function messengerDelivery(pageId: string, mid: string, psid = `psid_${mid}`) {
  const body = pageBody(pageId, [textEvent(pageId, psid, `text of ${mid}`, Date.now(), mid)]);
  return { body, signature: signMetaBody(body, TEST_APP_SECRET) };
}

export interface DeliveryOutcome {
  status: number;
  retryAfter: string | null;
  startedAt: number;
  ms: number;
}

/** POSTs a signed delivery as Meta does; a refused connection or a cut one is status 0. */
export async function deliver(url: string, delivery: { body: string; signature: string }, timeoutMs = 25_000): Promise<DeliveryOutcome> {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${url}/api/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), startedAt, ms: Date.now() - startedAt };
  } catch {
    return { status: 0, retryAfter: null, startedAt, ms: Date.now() - startedAt };
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

/** The database the server processes of a test share, migrated, with one Messenger page on it. */
export async function openPageDatabase(databaseUrl: string, pageId: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl });
  await migrateDatabase(database);
  await database.db.insert(channels).values({ kind: 'MESSENGER', name: `Page ${pageId}`, externalId: pageId, accessToken: 'page-token' });
  return database;
}
