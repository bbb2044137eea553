/**
 * A throwaway Redis for tests: Debian's redis-server (scripts/ensure-redis.sh installs it) on a
 * free loopback port, nothing written to disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

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

/** On a free port, or on `port` (to start it again where its clients look for it). */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server not ready after 10 s:\n${output}`)), 10_000);
      const collect = (b: Buffer) => {
        output = (output + b.toString()).slice(-8000);
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`redis-server could not start (${err.message}); run \`bash scripts/ensure-redis.sh\``));
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      // last resort if the test process exits without stop()
      const onExit = () => child.kill('SIGKILL');
      process.once('exit', onExit);
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          process.removeListener('exit', onExit);
          await stopChild(child);
        },
      };
    }
    if (attempt >= 3 || !/address already in use/i.test(output)) throw new Error(`redis-server exited during startup:\n${output}`);
  }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
