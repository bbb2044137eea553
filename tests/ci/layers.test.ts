import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** Folders that are not the product's source: dependencies, build output, generated code. */
const NOT_SOURCE = new Set(['node_modules', '.next', '.git', '.tmp', 'graphql-client', 'test-results', 'playwright-report']);

/** Where the tables may be imported: the domain, the database, and tests (which set up and inspect rows). */
const MAY_IMPORT_TABLES = [/^domain\//, /^db\//, /^tests\//, /\.test\.tsx?$/];

function sourceFiles(dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return NOT_SOURCE.has(entry.name) ? [] : sourceFiles(rel);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [rel] : [];
  });
}

/** `from '…/db/schema'`, `import('…/db/schema')`, `require('…/db/schema')`, with or without an extension. */
const IMPORTS_TABLES = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"][^'"]*\bdb\/schema(?:\.[cm]?[jt]s)?['"]/m;

describe('layers', () => {
  it('nothing outside domain/ and db/ imports the tables', () => {
    const offenders = sourceFiles()
      .filter((file) => !MAY_IMPORT_TABLES.some((allowed) => allowed.test(file)))
      .filter((file) => IMPORTS_TABLES.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check recognises every way of importing the tables', () => {
    for (const line of [
      "import { chats } from '../db/schema';",
      'import { chats } from "../../db/schema.ts";',
      "const { apiKeys } = await import('../db/schema');",
      "import '../db/schema';",
    ]) {
      expect(IMPORTS_TABLES.test(line), line).toBe(true);
    }
    expect(IMPORTS_TABLES.test("// drizzle-kit reads './db/schema.ts'")).toBe(false);
  });
});
