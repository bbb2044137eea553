import { defineConfig } from 'drizzle-kit';

// Generates committed SQL migrations from db/schema.ts; never point it at a live database.
export default defineConfig({ dialect: 'postgresql', schema: './db/schema.ts', out: './db/migrations' });
