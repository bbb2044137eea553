import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the printed, committed schema (never a running server); a test fails when either drifts.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['components/**/*.graphql', 'components/**/*.tsx', 'components/**/*.ts', 'app/**/*.tsx'],
  ignoreNoDocuments: true,
  generates: {
    'graphql-client/': {
      preset: 'client',
      config: { documentMode: 'string', useTypeImports: true, scalars: { DateTime: 'string', File: 'File' }, enumsAsTypes: true },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
