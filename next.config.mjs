import createNextIntlPlugin from 'next-intl/plugin';

/** @type {import('next').NextConfig} */
const config = {
  // One copy of these in the process: the custom server and Next's bundle must share them
  // (graphql's instanceof checks, the single PGlite owner, the ws server).
  serverExternalPackages: ['graphql', '@electric-sql/pglite', 'postgres', 'ws', '@node-rs/argon2', 'pino', 'drizzle-orm', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  // ICU messages compiled at build time: the browser gets no message parser (intl-messageformat)
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', sourceLocale: 'en', precompile: true } },
})(config);
