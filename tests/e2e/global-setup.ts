import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const E2E_ENV_FILE = path.resolve('.tmp/e2e-env.json');

/** Starts tests/e2e/serve.ts (app + fake Graph API) once for the whole browser run. */
export default async function globalSetup() {
  // node itself (not npx) so that our SIGTERM reaches the server and it shuts down cleanly
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/serve.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the e2e server did not start within 90 s')), 90_000);
    child.once('exit', (code) => reject(new Error(`the e2e server exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
  mkdirSync(path.dirname(E2E_ENV_FILE), { recursive: true });
  writeFileSync(E2E_ENV_FILE, ready);
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}
