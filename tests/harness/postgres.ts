/**
 * Throwaway PostgreSQL servers for tests: a fresh cluster in a temp folder, on a
 * free loopback port, with durability turned off (tests never need crash safety) unless a
 * benchmark asks for PostgreSQL's defaults, which production runs with.
 *
 * PostgreSQL refuses to run as root and CI runs as root, so when uid is 0 the
 * server runs as the `postgres` system user (created if missing). We spawn with
 * Node's `uid`/`gid` options instead of wrapping in `runuser`/`su`: a wrapper
 * would sit between us and the postmaster and turn our SIGINT (fast shutdown)
 * into SIGTERM (smart shutdown, which waits for every client to disconnect).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface PostgresServer {
  /** URL of a freshly created database; also usable as the admin URL for createDatabase. */
  url: string;
  stop(): Promise<void>;
  /** Stops the server (fast shutdown: clients are cut off) and keeps its files, for an outage. */
  halt(): Promise<void>;
  /** Starts it again after halt(), on the same port with the same data. */
  resume(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

/** Folder holding initdb/postgres: $PG_BIN, else PATH, else Debian's /usr/lib/postgresql/<newest>/bin. */
function pgBinDir(): string {
  const candidates = [
    process.env.PG_BIN,
    ...(process.env.PATH ?? '').split(path.delimiter),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  const dir = candidates.find((d) => d && existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'postgres')));
  if (!dir) throw new Error('PostgreSQL server binaries (initdb, postgres) not found; run `bash scripts/ensure-postgres.sh`');
  return dir;
}

/** uid/gid to run the server as: ourselves, or the `postgres` user when we are root. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // Fresh machine without the user (Debian's postgresql package normally creates it).
    // Reuse a leftover `postgres` group if there is one; ignore failure if a parallel run won the race.
    const group = spawnSync('getent', ['group', 'postgres']).status === 0 ? ['-g', 'postgres'] : ['--user-group'];
    spawnSync('useradd', ['--system', '--no-create-home', ...group, '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'inherit' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * A temp folder the server user can write to. os.tmpdir() may be private to root
 * (e.g. TMPDIR=/root/tmp), and chown alone doesn't help when a parent folder isn't
 * traversable, so we probe as that user and fall back to /tmp and /var/tmp.
 */
function makeTempDir(ident: { uid: number; gid: number } | undefined): string {
  const bases = [...new Set([os.tmpdir(), '/tmp', '/var/tmp'])];
  for (const base of bases) {
    let dir: string;
    try {
      dir = mkdtempSync(path.join(base, 'pg-test-'));
    } catch {
      continue;
    }
    if (!ident) return dir;
    chownSync(dir, ident.uid, ident.gid);
    chmodSync(dir, 0o700); // postgres insists the data dir's owner is the only one with access
    try {
      execFileSync('test', ['-w', dir, '-a', '-x', dir], { uid: ident.uid, gid: ident.gid, cwd: '/' });
      return dir;
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`no temp folder writable by the postgres user among: ${bases.join(', ')}`);
}

/** Asks the OS for a free port. Another process may grab it before postgres binds: startPostgres retries. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the server answers a query; rejects early if the process exits. */
async function waitReady(child: ChildProcess, port: number, log: () => string, timeoutMs = 30_000): Promise<void> {
  let exited = child.exitCode !== null || child.signalCode !== null;
  // 'close' rather than 'exit': it comes after stderr is drained, so the log is complete.
  child.once('close', () => void (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`postgres exited during startup:\n${log()}`);
    const sql = postgres({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return;
    } catch {
      await sleep(100); // refused, or "the database system is starting up"
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  }
  throw new Error(`postgres not ready after ${timeoutMs}ms:\n${log()}`);
}

/**
 * Creates a database on the server behind `adminUrl` and returns its URL. Lets each
 * test file get its own database from the one server started by global setup.
 * Without a name, a unique one is made up. Names are plain identifiers because
 * they end up in a URL path, which the `postgres` client does not percent-decode.
 */
export async function createDatabase(adminUrl: string, name = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`createDatabase: use a lowercase identifier, got ${JSON.stringify(name)}`);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts a new PostgreSQL server in its own temp folder; see the file comment. `durable` keeps
 * fsync and synchronous commit on, so a commit costs what it costs in production.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const durability = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const bin = pgBinDir();
  const ident = serverIdentity();
  const dir = makeTempDir(ident);
  const dataDir = path.join(dir, 'data');
  // cwd '/': the server user may not be able to read our cwd (e.g. /root), which initdb dislikes.
  const asServer = { ...ident, cwd: '/', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  let child: ChildProcess | undefined;

  // Last resort if the test process exits without stop(): immediate shutdown, drop the files.
  const onExit = () => {
    child?.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  try {
    execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...asServer,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    let port = 0;
    const launch = async (atPort: number) => {
      let output = '';
      child = spawn(
        path.join(bin, 'postgres'),
        // -k: the unix socket goes in our private folder, not /var/run/postgresql (may not exist).
        ['-D', dataDir, '-k', dir, '-p', String(atPort), '-c', 'listen_addresses=127.0.0.1', ...durability],
        { ...asServer, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      // Keep the log for error messages; reading it also stops a full pipe from blocking the server.
      const collect = (b: Buffer) => void (output = (output + b.toString()).slice(-8000));
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      try {
        await waitReady(child, atPort, () => output);
      } catch (err) {
        child.kill('SIGKILL');
        throw Object.assign(err as Error, { portTaken: /could not bind|address already in use/i.test(output) });
      }
    };
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch(port);
        break;
      } catch (err) {
        if (attempt < 3 && (err as { portTaken?: boolean }).portTaken) continue; // lost the port race
        throw err;
      }
    }

    const url = await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, 'test');
    const halt = async () => {
      const server = child!;
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT'); // fast shutdown: disconnects clients instead of waiting for them
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    };
    return {
      url,
      async stop() {
        process.removeListener('exit', onExit);
        await halt();
        rmSync(dir, { recursive: true, force: true });
      },
      halt,
      resume: () => launch(port),
    };
  } catch (err) {
    process.removeListener('exit', onExit);
    onExit();
    throw err;
  }
}
