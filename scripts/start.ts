import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm start`: build the pages when there is no production build yet (or the sources are newer),
 * then run the one server (it migrates and seeds an empty database itself).
 */
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const buildId = path.join(root, '.next', 'BUILD_ID');

function newestSource(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else newest = Math.max(newest, s.mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return newest;
}

const sources = ['app', 'components', 'graphql-client', 'messages', 'lib'].map((d) => newestSource(path.join(root, d)));
sources.push(statSync(path.join(root, 'next.config.mjs')).mtimeMs);
const stale = !existsSync(buildId) || Math.max(...sources) > statSync(buildId).mtimeMs || process.env.FORCE_BUILD === '1';
if (stale) {
  console.log('Building the web app (first start or changed sources)…');
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// the local transcription engine (no TRANSCRIBE_URL) needs ffmpeg and pocketsphinx from Debian
if (!process.env.TRANSCRIBE_URL) {
  const speech = spawnSync('bash', [path.join(root, 'scripts', 'ensure-speech.sh')], { stdio: 'inherit' });
  if (speech.status !== 0) console.warn('Voice-note transcription will fail until ffmpeg and pocketsphinx are installed (scripts/ensure-speech.sh), or TRANSCRIBE_URL points at a server.');
}
(process.env as Record<string, string>).NODE_ENV = 'production';
const { main } = await import('../server');
await main();
