import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const E2E_ENV_FILE = path.resolve('test-results/e2e-env.json');

/** Starts tests/e2e/serve.ts (app + fake Graph API) once for the whole browser run. */
export default async function globalSetup() {
  const child = spawn('npx', ['tsx', 'tests/e2e/serve.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
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
  writeFileSync(E2E_ENV_FILE, ready);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}
