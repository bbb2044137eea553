import { createRateLimits } from '../auth/create-rate-limits';
import { createChannelRegistry } from '../channels/registry';
import type { Config } from '../config';
import { migrateDatabase, openDatabase, type Database } from '../db/client';
import { fetchPostPreview } from '../domain/comments/post-preview';
import type { Deps, Logger } from '../domain/deps';
import { deliverMessage, markSeenOnPlatform } from '../domain/messages/deliver-message';
import { refreshProfile } from '../domain/contacts/profile';
import { runScheduledHealthCheck, scheduleHealthCheck } from '../domain/channels/check-channel-health';
import { createMemoryBus } from '../events/bus';
import { createGraphQLServer, type GraphQLServer } from '../graphql/yoga';
import { createJobWorker, type JobWorker } from '../jobs/queue';
import { execute, parse, type GraphQLError } from 'graphql';
import { readCookie } from '../auth/cookies';
import { buildViewer } from '../auth/viewer';
import { pickLocale } from '../domain/chats/title';
import { createContext } from '../graphql/context';
import { logInternalErrors, maskError } from '../graphql/errors';
import { schema } from '../graphql/schema';
import { createLogger } from './logger';
import { createFileMediaStore } from '../media/store';
import { downloadAttachment } from '../domain/media/download-attachment';
import { pruneHistory } from '../domain/messages/prune-history';
import { setRuntime, type Runtime } from './registry';
import { createAvailability, type Availability } from './availability';
import { countJobRuns, countPublishedEvents } from './metrics';
import { checkRedisUrl, databaseStartupError } from './startup-checks';
import { runTranscription } from '../domain/transcription/transcribe-message';
import { createTranscriptionEngine } from '../transcription/create-engine';

export interface BootedRuntime extends Runtime {
  database: Database;
  yoga: GraphQLServer;
  jobs: JobWorker;
  availability: Availability;
}

export interface BootOptions {
  config: Config;
  log?: Logger;
  /** Start polling for jobs (tests drain by hand instead); default: the config's RUN_JOBS. */
  startJobs?: boolean;
  /** Make this the process runtime that Next's bundle reaches through the registry. */
  register?: boolean;
  fetch?: typeof fetch;
  /** How often idle workers look for due jobs (the worker process looks more often than a web process). */
  jobPollMs?: number;
}

/** Opens the database, migrates, and wires the bus, jobs and GraphQL: once per process. */
export async function bootRuntime(options: BootOptions): Promise<BootedRuntime> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  if (config.redisUrl) await checkRedisUrl(config.redisUrl);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateDatabase(database).catch(async (error: unknown) => {
    await database.close().catch(() => {});
    throw (config.databaseUrl && databaseStartupError(config.databaseUrl, error)) || error;
  });
  const availability = createAvailability(database, log);
  const bus = countPublishedEvents(await createEventBus(config, database, log));
  let jobs: JobWorker | undefined;
  const deps: Deps = {
    db: database.db,
    bus,
    config,
    log,
    wakeJobs: () => jobs?.wake(),
    media: config.s3 ? await openS3MediaStore(config.s3) : createFileMediaStore(config.dataDir),
    channels: createChannelRegistry({
      metaGraphUrl: config.metaGraphUrl,
      telegramApiUrl: config.telegramApiUrl,
      metaAppSecret: config.metaAppSecret,
      fetch: options.fetch,
    }),
    limits: createRateLimits(config, log),
  };
  const transcriber = createTranscriptionEngine(config.transcribe, options.fetch);
  if (!(await deps.limits.ready())) log.warn({}, 'Redis (REDIS_URL) did not answer within 5 s: rate limits are counted per process until it does');
  jobs = createJobWorker(
    database.db,
    countJobRuns({
      'send-message': (payload, job) => deliverMessage(deps, payload, job),
      'mark-seen': (payload) => markSeenOnPlatform(deps, payload),
      'fetch-profile': (payload, job) => refreshProfile(deps, payload, job),
      'download-media': (payload, job) => downloadAttachment(deps, payload, job),
      'prune-history': async (payload) => void (await pruneHistory(deps, payload)),
      'check-channels': () => runScheduledHealthCheck(deps),
      transcribe: (payload, job) => runTranscription(deps, transcriber, payload, job),
      'fetch-post': (payload) => fetchPostPreview(deps, payload),
    }),
    {
      pollMs: options.jobPollMs ?? 1000,
      concurrency: config.jobs.concurrency,
      lockSeconds: config.jobs.lockSeconds,
      kindLimits: { transcribe: config.transcribe.concurrency },
      // while the database is away the availability logs it once, not every poll
      onError: (err, job) => void (availability.report(err) || log.error({ err, job }, 'job failed')),
    },
  );
  if (options.startJobs ?? config.jobs.run) {
    // the first round a minute after start, so a restart doesn't hit every platform at once
    await scheduleHealthCheck(deps, new Date(Date.now() + 60_000));
    jobs.start();
  }
  const yoga = createGraphQLServer(deps);
  const runtime: BootedRuntime = {
    deps,
    async runOperation(document, variables, credentials) {
      const viewer = await buildViewer(deps.db, credentials);
      const locale = pickLocale(credentials.acceptLanguage, readCookie(credentials.cookie, 'NEXT_LOCALE'));
      const result = await execute({
        schema,
        document: parse(document.toString()),
        variableValues: variables as Record<string, unknown>,
        contextValue: createContext(deps, viewer, locale, { cookie: credentials.cookie, authorization: credentials.authorization }),
      });
      logInternalErrors(log, result.errors);
      return {
        data: result.data as never,
        errors: result.errors?.map((e) => {
          const masked = maskError(e, 'Unexpected error.') as GraphQLError;
          return { message: masked.message, extensions: masked.extensions };
        }),
      };
    },
    database,
    yoga,
    jobs: jobs,
    availability,
    async close() {
      availability.close();
      await jobs!.stop();
      await bus.close();
      await deps.limits.close();
      await database.close();
      if (options.register) setRuntime(undefined);
    },
  };
  if (options.register) setRuntime(runtime);
  return runtime;
}

/** The AWS SDK is large (and warns about old Node versions): loaded only when S3 is configured. */
async function openS3MediaStore(s3: NonNullable<Config['s3']>) {
  const { createS3MediaStore } = await import('../media/s3-store');
  return createS3MediaStore(s3);
}

/**
 * Live events: through Redis when REDIS_URL is set and the database is PostgreSQL (several
 * processes share it); in memory for the embedded default (PGlite has one process anyway).
 */
async function createEventBus(config: Config, database: Database, log: Logger) {
  if (!config.redisUrl || !config.databaseUrl) return createMemoryBus();
  const { createRedisBus, redisChannelFor } = await import('../events/redis-bus');
  return createRedisBus({ url: config.redisUrl, db: database.db, log, channel: redisChannelFor(config.databaseUrl) });
}
