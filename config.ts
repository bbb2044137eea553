import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).default(3000),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  META_GRAPH_URL: z.string().url().default('https://graph.facebook.com/v24.0'),
  TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org'),
  CHAT_HISTORY_LIMIT: z.coerce.number().int().min(0).default(500),
  PUBLIC_URL: z.string().url().optional(),
  MEDIA_HOSTS: z.string().optional(),
  LOG_LEVEL: z.string().default('info'),
});

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  metaAppSecret?: string;
  metaVerifyToken?: string;
  metaGraphUrl: string;
  telegramApiUrl: string;
  chatHistoryLimit: number;
  publicUrl: string;
  mediaHosts: string[];
  logLevel: string;
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
    telegramApiUrl: e.TELEGRAM_API_URL.replace(/\/$/, ''),
    chatHistoryLimit: e.CHAT_HISTORY_LIMIT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    mediaHosts: (e.MEDIA_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
  };
}
