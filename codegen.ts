import type { CodegenConfig } from '@graphql-codegen/cli';

const config = { documentMode: 'string', useTypeImports: true, scalars: { DateTime: 'string', File: 'File' }, enumsAsTypes: true } as const;
const presetConfig = { fragmentMasking: false };

// Reads the printed, committed schema (never a running server); a test fails when either drifts.
const codegen: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    // every document and all types: the server components' graphql(`…`) and the other screens
    'graphql-client/': {
      preset: 'client',
      documents: ['components/**/*.graphql', 'components/**/*.tsx', 'components/**/*.ts', 'app/**/*.tsx'],
      config,
      presetConfig,
    },
    // the inbox's documents alone (components/chats/*.graphql), for the Chats page and the app
    // frame: a bundle that imports one document from graphql-client/graphql.ts gets every screen's
    'graphql-client/inbox/': {
      preset: 'client',
      documents: ['components/chats/*.graphql'],
      config,
      presetConfig: { ...presetConfig, skipIndexFile: true },
    },
  },
};

export default codegen;
