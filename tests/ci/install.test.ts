import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** A stand-in for npm that records its arguments and then hangs, fails or succeeds as told. */
function fakeNpm(behaviour: 'hang' | 'fail' | 'fail-once') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-npm-'));
  const log = path.join(dir, 'calls.log');
  const script = path.join(dir, 'npm');
  writeFileSync(
    script,
    `#!/usr/bin/env bash
[ "$1" = config ] && { echo https://registry.example; exit 0; }
echo "$*" >> ${JSON.stringify(log)}
case ${behaviour} in
  hang) exec sleep 60 ;;
  fail) exit 1 ;;
  fail-once) [ "$(wc -l < ${JSON.stringify(log)})" -ge 2 ] && exit 0 || exit 1 ;;
esac
`,
  );
  chmodSync(script, 0o755);
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');
  return { script, calls };
}

function runInstall(npm: string, timeoutSeconds = 2) {
  const started = Date.now();
  const result = spawnSync('bash', ['scripts/npm-ci.sh'], {
    cwd: root,
    env: { ...process.env, NPM: npm, NPM_CI_TIMEOUT: String(timeoutSeconds) },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('installing dependencies in CI', () => {
  it('a registry that never answers stops the install within the time bound, after one retry, with a message and a failing exit', () => {
    const npm = fakeNpm('hang');
    const result = runInstall(npm.script, 2);
    expect(result.status).not.toBe(0);
    expect(result.seconds).toBeLessThan(20);
    expect(npm.calls()).toHaveLength(2);
    expect(result.stderr).toMatch(/did not finish within 2s/);
    expect(result.stderr).toMatch(/installing dependencies failed after 2 attempts/);
  });

  it('npm ci prefers the local cache and bounds every fetch with retries', () => {
    const npm = fakeNpm('fail');
    runInstall(npm.script);
    const args = npm.calls()[0];
    expect(args).toMatch(/^ci /);
    for (const flag of ['--prefer-offline', '--fetch-timeout=', '--fetch-retries=', '--fetch-retry-maxtimeout=']) expect(args).toContain(flag);
  });

  it('an install that fails once and then succeeds lets CI go on', () => {
    const npm = fakeNpm('fail-once');
    const result = runInstall(npm.script);
    expect(result.status).toBe(0);
    expect(npm.calls()).toHaveLength(2);
  });

  it('.ci/run installs through the bounded script, and every apt-get call of the ensure scripts has a time limit', () => {
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^bash scripts\/npm-ci\.sh$/m);
    expect(ci).not.toMatch(/^npm ci/m);
    for (const name of ['ensure-chromium.sh', 'ensure-postgres.sh', 'ensure-redis.sh', 'apt-get-bounded.sh']) {
      const lines = readFileSync(path.join(root, 'scripts', name), 'utf8').split('\n');
      const calls = lines.filter((l) => /^\s*(apt(-get|_get|_install) |timeout .*apt-get )/.test(l));
      expect(calls.length, name).toBeGreaterThan(0);
      for (const line of calls) expect(/^(apt_get|apt_install) /.test(line.trim()) || line.includes('timeout ')).toBe(true);
    }
  });
});
