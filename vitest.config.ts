import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) side by side: Vite would pick the ESM copy for our
    // code while Node hands Pothos and Yoga the CJS one, and graphql refuses to mix two copies.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['**/*.test.ts'],
    // tests/e2e holds Playwright specs, which vitest must not try to run.
    exclude: [...configDefaults.exclude, '**/node_modules/**', '.next/**', 'tests/e2e/**'],
    // One PostgreSQL server for the run; test files get its URL via inject('pgUrl').
    globalSetup: ['./tests/harness/global-setup.ts'],
    // Forks, not threads: native addons (argon2) and PGlite's WASM are happier in separate processes.
    pool: 'forks',
    // PGlite takes ~2s to boot and migrations add more; the defaults (5s/10s) are too tight on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
  },
});
