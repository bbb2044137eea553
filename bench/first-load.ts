/**
 * P7, the Chats page's first load: the production build served as `npm start` serves it, the
 * inbox signed in (40 chats of 1,000 on PostgreSQL), and
 *  - the JavaScript its HTML loads: every <script src> and <link rel="preload" as="script">, each
 *    fetched from the server and gzipped here (level 9, as a proxy would), summed; `nomodule`
 *    polyfills are left out (no browser we support fetches them);
 *  - its server rendering against a static page in the same shell (/calls: same layout, viewer and
 *    inbox badge, no data of its own), medians of interleaved rounds.
 *
 *   npm run bench:page       (builds first when there is no build; BENCH_BUILD=1 always builds)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuiltinRoles } from '../domain/employees/create-employee';
import { makeEmployee } from '../tests/helpers/factories';
import { getDeps } from '../runtime/registry';
import { openBenchServer, seedBenchInbox } from './seed-inbox';
import { median, ratio } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

if (process.env.BENCH_BUILD === '1' || !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('building the web app (next build)…');
  const built = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** The scripts an HTML page makes the browser fetch, in order, once each. */
function scriptsOf(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = tag.match(/\ssrc="([^"]+)"/)?.[1];
    if (src && !/\snomodule/i.test(tag)) found.add(src.replaceAll('&amp;', '&'));
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (!/\brel="preload"/.test(tag) || !/\bas="script"/.test(tag)) continue;
    const href = tag.match(/\shref="([^"]+)"/)?.[1];
    if (href) found.add(href.replaceAll('&amp;', '&'));
  }
  return [...found];
}

const { app, raw, close } = await openBenchServer();
try {
  await seedBenchInbox(raw, 1000, 10);
  const { Admin } = await ensureBuiltinRoles(getDeps().db);
  const { cookie } = await makeEmployee(getDeps(), Admin.id);
  const get = async (url: string) => {
    const res = await fetch(new URL(url, app.url), { headers: { cookie, 'accept-language': 'en' }, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return res;
  };

  const html = await (await get('/chats')).text();
  if (!html.includes('Customer 1')) throw new Error('the inbox did not render its chats');
  const scripts: { src: string; bytes: number; gzip: number }[] = [];
  for (const src of scriptsOf(html)) {
    const body = Buffer.from(await (await get(src)).arrayBuffer());
    scripts.push({ src: src.replace(/^.*\/_next\/static\//, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  scripts.sort((a, b) => b.gzip - a.gzip);
  const kb = (bytes: number) => +(bytes / 1024).toFixed(1);
  // React, Next's router and Turbopack's runtime: what every page of any Next app loads
  const manifest = JSON.parse(readFileSync(path.join(root, '.next', 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  const framework = new Set(manifest.rootMainFiles.map((f) => f.replace(/^static\//, '')));
  const sum = (list: typeof scripts) => kb(list.reduce((total, s) => total + s.gzip, 0));

  const timeOf = async (url: string) => {
    const t = performance.now();
    await (await get(url)).text();
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) await Promise.all([timeOf('/chats'), timeOf('/calls')]);
  const chats: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    chats.push(await timeOf('/chats'));
    calls.push(await timeOf('/calls'));
  }

  console.log(
    JSON.stringify(
      {
        firstLoadJs: {
          scripts: scripts.length,
          gzipKB: sum(scripts),
          frameworkGzipKB: sum(scripts.filter((s) => framework.has(s.src))),
          appGzipKB: sum(scripts.filter((s) => !framework.has(s.src))),
          rawKB: kb(scripts.reduce((total, s) => total + s.bytes, 0)),
          largest: scripts.slice(0, 8).map((s) => `${s.src}: ${kb(s.gzip)} KB`),
        },
        ssr: {
          rounds: ROUNDS,
          chatsMedianMs: +median(chats).toFixed(1),
          staticPageMedianMs: +median(calls).toFixed(1),
          ratio: ratio(median(chats), median(calls)),
          htmlKB: kb(html.length),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await close();
}
