import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/**
 * What the Chats page's first load must not carry (issue 12, P7; decision 025): each is needed only
 * once the operator does something (opens a chat, a menu, a drawer) or after hydration (the socket).
 * `bench:page` measures the bytes; this catches the static import that brings one of them back.
 */
const NOT_IN_FIRST_LOAD = [
  'graphql-ws', // imported by the live provider after hydration
  '@radix-ui/', // dialogs, selects, popovers: inside lazily loaded panels
  'libphonenumber-js',
  'graphql-client/gql.ts', // codegen's graphql() map: every screen's documents
  'graphql-client/graphql.ts', // every screen's documents again (the inbox reads graphql-client/inbox/)
  'components/chats/conversation.tsx',
  'components/phone/chat-window.tsx',
  'components/shell/mobile-menu-panel.tsx',
  'components/chats/details-drawer.tsx',
  'urql', // the client and its GraphQL parser: lib/ui/gql.ts, loaded after hydration (decision 030)
  '@urql/core',
  'lib/ui/gql.ts',
  'components/chats/chat-actions.ts', // the open chat's buttons: loaded with the conversation
  'components/chats/fragments.ts', // the inbox's documents come with urql
  'graphql-client/inbox/graphql.ts',
  'next/dynamic', // its loader: the lazy parts use React.lazy
  // decision 033
  'next/link', // the side menu's links are plain links the router follows
  'next-intl', // the client components translate through lib/ui/intl.tsx
  'use-intl',
  'components/shell/route-error.tsx', // the error screens load when an error happens
  'components/shell/error-screen.tsx',
  'components/shell/global-error-screen.tsx',
  'components/shell/chime.ts', // after hydration, before live events
  'components/chats/inbox-reducer.ts',
  'components/chats/inbox-keys.ts',
  'components/providers/live-connect.ts', // the socket's setup comes with graphql-ws
];

/**
 * Packages whose code reaches the browser even from a server component: lucide-react draws every
 * icon through a client component of its own, so one icon anywhere on the route brings its runtime.
 */
const NOT_ON_THE_ROUTE = ['lucide-react'];

/** The Chats route: its layouts, page and error boundaries. */
const ENTRIES = ['app/layout.tsx', 'app/global-error.tsx', 'app/(app)/layout.tsx', 'app/(app)/error.tsx', 'app/(app)/chats/[[...chatId]]/page.tsx'];

/** Static imports and re-exports that load code (`import type` / `export type` do not; `import()` is lazy). */
const STATIC_IMPORT = /^\s*(?:import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?|export\s+(?!type\s)[^;]*?\s+from\s+)['"]([^'"]+)['"]/gm;

function staticImports(source: string): string[] {
  return [...source.matchAll(STATIC_IMPORT)].map((m) => m[1]);
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.join(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

/**
 * Everything the browser loads with the route: files and packages reached from a 'use client' file
 * by static imports; with `everywhere`, also the packages the route's server modules import.
 */
function clientModules({ everywhere = false } = {}): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string, client: boolean) => {
    const key = `${client}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const source = readFileSync(path.join(root, file), 'utf8');
    const isClient = client || /^\s*['"]use client['"]/.test(source);
    if (isClient) found.add(file);
    for (const spec of staticImports(source)) {
      const target = resolve(file, spec);
      if (target) visit(target, isClient);
      else if ((isClient || everywhere) && !spec.startsWith('.')) found.add(spec);
    }
  };
  for (const entry of ENTRIES) visit(entry, false);
  return found;
}

describe('the Chats page first load', () => {
  it('carries no dialog, socket, GraphQL client, phone-number or all-screens document code', () => {
    const modules = [...clientModules()];
    expect(modules).toContain('components/chats/chats-view.tsx');
    expect(modules).toContain('components/providers/live-provider.tsx');
    expect(modules.filter((m) => NOT_IN_FIRST_LOAD.some((banned) => m.startsWith(banned) || m === banned))).toEqual([]);
  });

  it('draws no icon through lucide-react, not even from a server component', () => {
    expect([...clientModules({ everywhere: true })].filter((m) => NOT_ON_THE_ROUTE.some((banned) => m === banned || m.startsWith(`${banned}/`)))).toEqual([]);
  });

  it('client components translate through lib/ui/intl.tsx: the browser has no next-intl provider (decision 033)', () => {
    const sources = ['app', 'components', 'lib'].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join(dir, f)),
    );
    const clientFiles = sources.filter((f) => /^\s*['"]use client['"]/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(clientFiles).toContain('components/chats/chat-list.tsx');
    expect(clientFiles.filter((f) => staticImports(readFileSync(path.join(root, f), 'utf8')).some((spec) => spec === 'next-intl' || spec.startsWith('use-intl')))).toEqual([]);
  });

  it('the import reader tells loading imports from type-only and lazy ones', () => {
    expect(staticImports("import { a } from './a';\nimport type { B } from './b';\nexport { c } from './c';\nexport type { D } from './d';\nimport './e.css';\nconst f = () => import('./f');")).toEqual(['./a', './c', './e.css']);
    expect(staticImports("import {\n  one,\n  two,\n} from 'pkg';")).toEqual(['pkg']);
    // a side-effect import right before a type-only one is read alone
    expect(staticImports("import './x.css';\nimport type { A } from './typeonly';\nimport { b } from './b';")).toEqual(['./x.css', './b']);
  });
});
