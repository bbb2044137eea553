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
