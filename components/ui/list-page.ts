export interface ListPage<Row> {
  rows: Row[];
  endCursor: string | null;
  hasNext: boolean;
}

/** A Relay connection's first page as a list page. */
export function toListPage<Row>(connection: { edges: { node: Row }[]; pageInfo: { endCursor?: string | null; hasNextPage: boolean } } | null | undefined): ListPage<Row> | null {
  if (!connection) return null;
  return { rows: connection.edges.map((e) => e.node), endCursor: connection.pageInfo.endCursor ?? null, hasNext: connection.pageInfo.hasNextPage };
}
