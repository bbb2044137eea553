import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-startup-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `tsx server.ts` with `env`; resolves with its exit code and what it printed. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => void (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => void (output += b.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

// a port nothing listens on: connections are refused at once
const closedPort = 1;

describe('a wrong address at start', () => {
  it('a DATABASE_URL nothing answers on: the process says so, names the variable and exits 1 without a stack trace', async () => {
    const { code, output } = await start({ DATABASE_URL: `postgres://chats:secret@127.0.0.1:${closedPort}/chats` });
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL: PostgreSQL at 127\.0\.0\.1:1\/chats cannot be reached/);
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('a DATABASE_URL that is not a URL: named, exit 1, no stack trace', async () => {
    const { code, output } = await start({ DATABASE_URL: 'localhost/chats' });
    expect(code).toBe(1);
    expect(output).toMatch(/Invalid configuration:\s+DATABASE_URL/);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('a REDIS_URL nothing answers on: named, exit 1, no stack trace', async () => {
    const { code, output } = await start({ REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect(code).toBe(1);
    expect(output).toMatch(/REDIS_URL: Redis at 127\.0\.0\.1:1 cannot be reached/);
    expect(output).not.toMatch(/^\s+at /m);
  });
});
