import { badInput } from '../domain/errors';
/** A domain page (items with their cursors) as a Relay connection. */
export function connectionOf<T>(page: { items: T[]; cursors: string[]; hasNextPage: boolean; hasPreviousPage: boolean }) {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i] })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
  };
}

/** Lists that start at the newest row page forward only. */
export function requireForward(args: { last?: number | null; before?: string | null }, what: string) {
  if (args.last != null || args.before != null) throw badInput(`Page ${what} forward with first/after: the list starts at the newest.`);
}
