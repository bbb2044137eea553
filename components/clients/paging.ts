import type { ClientsQuery as ClientsQueryResult } from '../../graphql-client/graphql';

/** Clients per page of the /clients list (server and browser alike). */
export const CLIENTS_PAGE = 25;

type Row = ClientsQueryResult['clients']['edges'][number]['node'];
export interface ClientsPage {
  rows: Row[];
  endCursor: string | null;
  hasNext: boolean;
}

export function toClientsPage(data: ClientsQueryResult | null | undefined): ClientsPage | null {
  if (!data?.clients) return null;
  return { rows: data.clients.edges.map((e) => e.node), endCursor: data.clients.pageInfo.endCursor, hasNext: data.clients.pageInfo.hasNextPage };
}
