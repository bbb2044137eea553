import { encodeGlobalID } from '@pothos/plugin-relay';
import type { BootedRuntime } from '../../runtime/boot';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface Credentials {
  cookie?: string;
  authorization?: string;
}

/** Runs an operation through Yoga in-process (`yoga.fetch`): the real HTTP pipeline, no network. */
export async function gql<T = Record<string, any>>(
  runtime: BootedRuntime,
  credentials: Credentials | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credentials?.cookie) headers.cookie = credentials.cookie;
  if (credentials?.authorization) headers.authorization = credentials.authorization;
  const response = await runtime.yoga.fetch('http://localhost/api/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResponse<T>;
}

export const gid = (type: string, id: string) => encodeGlobalID(type, id);

export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
