import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chats-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the demo inbox on an empty database and drains on SIGTERM', async () => {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${lines.join('\n')}`)), 60_000);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${lines.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const match = line.match(/running at (http:\/\/localhost:\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    await expect.poll(() => lines.some((l) => l.includes('admin@demo.local / demo-admin-2026'))).toBe(true);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'admin@demo.local', password: 'demo-admin-2026' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const page = await fetch(`${url}/chats`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Marco Rossi');

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
