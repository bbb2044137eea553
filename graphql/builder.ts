import { Kind } from 'graphql';
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context';
import { isoString } from '../lib/iso-date';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    File: { Input: File; Output: never };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
  },
});

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time in UTC.',
  serialize: (value) => isoString(value),
  parseValue: (value) => parseDateTime(value),
  // written inline in a query (`startedAt: "2026-11-30T09:00:00Z"`), not passed as a variable
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string.');
  return date;
}

builder.scalarType('File', {
  description: 'A file sent with a GraphQL multipart request.',
  serialize: () => {
    throw new TypeError('File is an input-only scalar.');
  },
  parseValue: (value) => value as File,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
