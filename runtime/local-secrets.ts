import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Without META_APP_SECRET / META_VERIFY_TOKEN a fresh install still verifies every webhook: it
 * makes random ones, kept in DATA_DIR, instead of falling back to a well-known value.
 */
export function withLocalSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.META_APP_SECRET && env.META_VERIFY_TOKEN) return env;
  const dir = path.resolve(env.DATA_DIR || './.data');
  const file = path.join(dir, 'local-secrets.json');
  let secrets: { metaAppSecret: string; metaVerifyToken: string };
  if (existsSync(file)) {
    secrets = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    mkdirSync(dir, { recursive: true });
    secrets = { metaAppSecret: randomBytes(24).toString('hex'), metaVerifyToken: randomBytes(12).toString('hex') };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return {
    ...env,
    META_APP_SECRET: env.META_APP_SECRET || secrets.metaAppSecret,
    META_VERIFY_TOKEN: env.META_VERIFY_TOKEN || secrets.metaVerifyToken,
  };
}
