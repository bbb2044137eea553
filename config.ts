import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).default(3000),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  META_GRAPH_URL: z.string().url().default('https://graph.facebook.com/v24.0'),
  META_APP_ID: z.string().optional(),
  META_OAUTH_DIALOG_URL: z.string().url().default('https://www.facebook.com/v24.0/dialog/oauth'),
  TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org'),
  CHAT_HISTORY_LIMIT: z.coerce.number().int().min(0).default(500),
  PUBLIC_URL: z.string().url().optional(),
  MEDIA_HOSTS: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(1),
  RATE_LIMIT_API_KEY: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_SESSION: z.coerce.number().int().min(0).default(50),
  RATE_LIMIT_SIGNED_OUT: z.coerce.number().int().min(0).default(5),
  RATE_LIMIT_UPLOADS: z.coerce.number().int().min(0).default(2),
  RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_IN_FLIGHT_API_KEY: z.coerce.number().int().min(0).default(2),
  RATE_LIMIT_IN_FLIGHT_SESSION: z.coerce.number().int().min(0).default(8),
  RATE_LIMIT_IN_FLIGHT_SIGNED_OUT: z.coerce.number().int().min(0).default(2),
  RATE_LIMIT_IN_FLIGHT_QUEUE: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_FLOOD_STRIKES: z.coerce.number().int().min(0).default(3),
  RATE_LIMIT_FLOOD_BLOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(900),
  SEED_DEMO: z.string().default('1'),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  METRICS_TOKEN: z.string().optional(),
  RUN_JOBS: z
    .enum(['true', 'false', '1', '0'], { message: 'RUN_JOBS must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  JOB_LOCK_SECONDS: z.coerce.number().int().min(1).default(300),
  TRANSCRIBE_URL: z.string().url().optional(),
  TRANSCRIBE_API_KEY: z.string().optional(),
  TRANSCRIBE_MODEL: z.string().default('whisper-1'),
  TRANSCRIBE_CONCURRENCY: z.coerce.number().int().min(1).default(1),
  TRANSCRIBE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(120),
});

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  metaAppSecret?: string;
  metaVerifyToken?: string;
  metaGraphUrl: string;
  /** Facebook Login: the app id and the dialog it sends admins to (a fake in tests). */
  metaAppId?: string;
  metaOAuthDialogUrl: string;
  telegramApiUrl: string;
  chatHistoryLimit: number;
  publicUrl: string;
  mediaHosts: string[];
  /** Other sites allowed to call /api/graphql from a browser with credentials (exact origins). */
  corsOrigins: string[];
  logLevel: string;
  /** Reverse proxies in front of this server that append to X-Forwarded-For (0: the socket's address is the client). */
  trustProxy: number;
  rateLimits: RateLimitConfig;
  /** SEED_DEMO=0: no demo data, and no demo controls in the inbox even if an old demo page is left. */
  seedDemo: boolean;
  /** Media in S3-compatible storage instead of DATA_DIR/media: set when S3_BUCKET is. */
  s3?: S3Config;
  /** When set, `GET /api/metrics` wants `Authorization: Bearer <it>`. */
  metricsToken?: string;
  /** Jobs: whether this process runs them (RUN_JOBS=false leaves them to `npm run worker`), how many at once, and how long a claimed job belongs to its worker. */
  jobs: { run: boolean; concurrency: number; lockSeconds: number };
  /** Voice-note transcription: a server (TRANSCRIBE_URL) or the local engine. */
  transcribe: TranscribeConfig;
}

export interface TranscribeConfig {
  /** The full URL of an OpenAI-compatible endpoint; unset: the local engine (pocketsphinx, English). */
  url?: string;
  apiKey?: string;
  model: string;
  /** Transcriptions running at once in one process; more wait in the queue, so sends never wait behind them. */
  concurrency: number;
  /** The longest one request to the server (or one local run) may take. */
  timeoutSeconds: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    metaAppSecret: e.META_APP_SECRET,
    metaVerifyToken: e.META_VERIFY_TOKEN,
    metaGraphUrl: e.META_GRAPH_URL.replace(/\/$/, ''),
    metaAppId: e.META_APP_ID,
    metaOAuthDialogUrl: e.META_OAUTH_DIALOG_URL,
    telegramApiUrl: e.TELEGRAM_API_URL.replace(/\/$/, ''),
    chatHistoryLimit: e.CHAT_HISTORY_LIMIT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mediaHosts: (e.MEDIA_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    corsOrigins: corsOrigins(e.CORS_ORIGINS),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      apiKey: e.RATE_LIMIT_API_KEY,
      session: e.RATE_LIMIT_SESSION,
      signedOut: e.RATE_LIMIT_SIGNED_OUT,
      uploads: e.RATE_LIMIT_UPLOADS,
      signIn: e.RATE_LIMIT_SIGN_IN,
      inFlight: {
        apiKey: e.RATE_LIMIT_IN_FLIGHT_API_KEY,
        session: e.RATE_LIMIT_IN_FLIGHT_SESSION,
        signedOut: e.RATE_LIMIT_IN_FLIGHT_SIGNED_OUT,
        queue: e.RATE_LIMIT_IN_FLIGHT_QUEUE,
      },
      signInFreeFailures: e.SIGN_IN_FREE_FAILURES,
      signInMaxDelaySeconds: e.SIGN_IN_MAX_DELAY_SECONDS,
      flood: { strikes: e.RATE_LIMIT_FLOOD_STRIKES, blockSeconds: e.RATE_LIMIT_FLOOD_BLOCK_SECONDS },
    },
    seedDemo: e.SEED_DEMO !== '0',
    s3: s3Config(e),
    metricsToken: e.METRICS_TOKEN,
    jobs: { run: e.RUN_JOBS, concurrency: e.JOB_CONCURRENCY, lockSeconds: e.JOB_LOCK_SECONDS },
    transcribe: {
      url: e.TRANSCRIBE_URL,
      apiKey: e.TRANSCRIBE_API_KEY,
      model: e.TRANSCRIBE_MODEL,
      concurrency: e.TRANSCRIBE_CONCURRENCY,
      timeoutSeconds: e.TRANSCRIBE_TIMEOUT_SECONDS,
    },
  };
}

/**
 * Requests allowed per window (0 turns a limit off). The window is short so that what a flooding
 * key is still allowed comes evenly, not as one burst; the defaults leave an operator's inbox,
 * which sends a handful of queries at once on load, far below them.
 */
export interface RateLimitConfig {
  /** The window of the GraphQL and upload limits. */
  windowSeconds: number;
  /** GraphQL operations (HTTP requests, and each operation on a socket) per API key. */
  apiKey: number;
  /** The same per signed-in session. */
  session: number;
  /** The same per client address for requests without valid credentials. */
  signedOut: number;
  /** File uploads (GraphQL multipart requests) per key or session, besides the above. */
  uploads: number;
  /** Sign-in attempts per client address per minute. */
  signIn: number;
  /**
   * GraphQL operations of one API key, session or signed-out address that run at once in this
   * process (0: no cap); up to `queue` more wait their turn, beyond that 429. Subscriptions are not
   * counted once started. Spreads what a flooding key is still allowed instead of letting it
   * occupy the event loop with a burst of heavy queries.
   */
  inFlight: { apiKey: number; session: number; signedOut: number; queue: number };
  /** Wrong passwords in a row for one e-mail before each further one makes it wait (1 s, 2 s, 4 s...); an address gets four times as many. */
  signInFreeFailures: number;
  /** The longest wait after wrong passwords. */
  signInMaxDelaySeconds: number;
  /**
   * An API key or signed-out address that sends again before its Retry-After in `strikes` windows
   * within ten windows is flooding: refused for `blockSeconds` (0 strikes: never). Sessions are not
   * penalised (an operator's inbox is our own client).
   */
  flood: { strikes: number; blockSeconds: number };
}

/** `https://app.example.com, http://localhost:5173`: each must be an origin (scheme, host, port), nothing more. */
function corsOrigins(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return entries.map((entry) => {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (!origin || origin === 'null' || origin !== entry.replace(/\/$/, '')) {
      throw new Error(`Invalid configuration:\n  CORS_ORIGINS: "${entry}" is not an origin; write it as https://host[:port], comma-separated.`);
    }
    return origin;
  });
}

export interface S3Config {
  bucket: string;
  /** Another S3-compatible service (MinIO, R2, Ceph...); AWS itself when unset. */
  endpoint?: string;
  region: string;
  /** Both or neither: without them the AWS SDK's own credential chain (AWS_* variables, instance roles) applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key`; most self-hosted services need it. */
  forcePathStyle: boolean;
}

function s3Config(e: z.infer<typeof schema>): S3Config | undefined {
  if (!e.S3_BUCKET) return undefined;
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new Error('Invalid configuration:\n  S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left unset).');
  }
  return {
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT?.replace(/\/$/, ''),
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}
