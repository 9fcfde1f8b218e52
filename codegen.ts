import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: the committed SDL (schema/schema.graphql) → typed documents for
 * the web client (`npm run codegen`). Reads the file, never a running server, so the output
 * is reproducible; `npm run codegen -- --check` (and client/test/codegen.spec.ts) fail when
 * the committed output in client/src/gql/ is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      // Fragments are plain shared selections here (cache updates read and write them), not
      // data-masking boundaries.
      presetConfig: { fragmentMasking: false },
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
