// ESLint for every workspace (flat config, type-aware typescript-eslint). `npm run lint` runs it
// and Prettier's check; `npm test` runs lint first, so CI fails on either.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Deep imports into another package's build: packages are used by their public names only. */
const noDistImports = {
  patterns: [
    {
      group: ['@maratron/*/dist', '@maratron/*/dist/*'],
      message: 'Import the package by its public name (its exports map), never its dist/.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'client/src/gql/**', 'client/e2e/screenshots/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.eslint.json', './client/e2e/tsconfig.json', './client/tsconfig.json', './tsconfig.tools.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      // no-cycle follows imports into the files they name, so it must be able to parse TypeScript.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', noDistImports],
      // Configuration is read in one place, which validates it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through the config module, which validates them.' },
      ],
    },
  },
  {
    // The one module that reads the environment; and the build tools' own configuration.
    files: ['core/src/config.ts', 'client/vite.config.ts', 'codegen.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests set up their own environment (they are typed like the rest: no explicit any).
    files: ['**/test/**/*.ts', '**/e2e/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
