import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../../auth/viewer';
import { apiKeys } from '../../db/schema';
import { bootRuntime } from '../../runtime/boot';
import { silentLog, testConfig } from '../helpers/runtime';

const run = promisify(execFile);

describe('npm run cli', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const cli = (...args: string[]) => run('npx', ['tsx', 'cli/index.ts', ...args], { env });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an admin, then an API key printed alone on the last line, which authenticates', async () => {
    const admin = await cli('create-admin', '--email', 'boss@shop.test', '--password', 'long-enough-1');
    expect(admin.stdout).toContain('boss@shop.test');
    const { stdout } = await cli('create-api-key', '--name', 'Zapier', '--role', 'Operator');
    const key = stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^chk_[\w-]{20,}$/);

    const rt = await bootRuntime({ config: testConfig({ DATA_DIR: dataDir }), log: silentLog, startJobs: false });
    try {
      const viewer = await buildViewer(rt.deps.db, { authorization: `Bearer ${key}` });
      expect(viewer).toMatchObject({ kind: 'apiKey', name: 'Zapier', roleName: 'Operator' });
    } finally {
      await rt.close();
    }
  }, 60_000);

  it('next to a running server on the same embedded database it refuses with what to do, and prints no key', async () => {
    // the server holds the folder, as `npm start` does
    const server = await bootRuntime({ config: testConfig({ DATA_DIR: dataDir }), log: silentLog, startJobs: false });
    try {
      const keys = await server.deps.db.select().from(apiKeys);
      for (const args of [
        ['create-api-key', '--name', 'Beside', '--role', 'Operator'],
        ['create-admin', '--email', 'beside@shop.test', '--password', 'long-enough-1'],
      ]) {
        const failure = await cli(...args).then(
          () => null,
          (error: { code: number; stdout: string; stderr: string }) => error,
        );
        expect(failure).not.toBeNull();
        expect(failure!.code).not.toBe(0);
        expect(failure!.stderr).toMatch(/in use by another process \(pid \d+\).*Stop it first.*Settings › Employees \/ API keys/s);
        expect(failure!.stdout).not.toMatch(/chk_/);
      }
      // nothing was written behind the server's back
      expect(await server.deps.db.select().from(apiKeys)).toHaveLength(keys.length);
    } finally {
      await server.close();
    }
    // once the server stops, the CLI works again
    const { stdout } = await cli('create-api-key', '--name', 'After', '--role', 'Operator');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^chk_/);
  }, 90_000);

  it('a lock left by a process that is gone (kill -9) does not block the CLI', async () => {
    writeFileSync(path.join(dataDir, 'pglite.lock'), '999999');
    const { stdout } = await cli('create-api-key', '--name', 'Stale', '--role', 'Operator');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^chk_/);
  }, 60_000);

  it('says what is wrong when a role does not exist', async () => {
    await expect(cli('create-api-key', '--name', 'x', '--role', 'Nobody')).rejects.toMatchObject({ stderr: expect.stringContaining('No role named "Nobody"') });
  }, 60_000);
});
