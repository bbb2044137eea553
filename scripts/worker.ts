import { loadConfig } from '../config';
import { bootRuntime } from '../runtime/boot';
import { withLocalSecrets } from '../runtime/local-secrets';

/**
 * `npm run worker`: the runtime without the web server, running jobs only (sends, downloads,
 * profiles, health checks, history trims). Any number of them beside any number of `npm start`
 * processes on one PostgreSQL; each job goes to one of them (SKIP LOCKED), and the job of a worker
 * that died is taken back once its lock runs out (JOB_LOCK_SECONDS).
 */
export async function runWorker(env: NodeJS.ProcessEnv = process.env) {
  let config;
  try {
    config = loadConfig(withLocalSecrets(env));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (!config.databaseUrl) {
    console.error('npm run worker needs DATABASE_URL: the embedded database belongs to the one `npm start` process, which runs its jobs itself.');
    process.exit(2);
  }
  let runtime;
  try {
    runtime = await bootRuntime({ config, startJobs: true, jobPollMs: 250 });
  } catch (error) {
    console.error(`The worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  runtime.deps.log.info({ concurrency: config.jobs.concurrency, lockSeconds: config.jobs.lockSeconds }, 'chats worker is running jobs');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // the jobs running now finish (their lock keeps others off meanwhile), then the connections close
      void runtime.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  return runtime;
}

if (process.argv[1]?.endsWith('/worker.ts')) await runWorker();
