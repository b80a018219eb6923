// Lint: bugs and the architecture's boundaries. Prettier settles formatting (see .prettierrc.json).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const REACT = ['react', 'react-dom', 'react-dom/*', 'react-router', 'react-router-dom'];

/** `no-restricted-imports` for one layer: what it may not import, and why. */
function forbid(files, patterns, message) {
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'dist-host', 'dist-server', 'node_modules', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'func-style': ['error', 'declaration', { allowArrowFunctions: true }],
      // `const { omitted, ...rest } = value` is how a field is left out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  // The server's state is kept in a store that answers with promises: one not awaited is a write
  // that may land after the answer, or an error nobody sees.
  {
    files: ['src/server/**/*.ts', 'src/host/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/await-thenable': 'error' },
  },

  // Dependencies point one way: routes → ui → domain; server → content, paywall; host (the
  // production server) → server, build's seed library; nothing in the client imports host.
  forbid(
    ['src/content/**', 'src/paywall/**'],
    [...REACT, 'node:*', '../*', 'virtual:*'],
    'The domain (content, paywall) is pure TypeScript: no React, no I/O, nothing else of ours.',
  ),
  forbid(
    ['src/server/**'],
    [...REACT, '../session/*', '../routes/*', '../ui/*', '../build/*', '../host/*', '../catalog*', 'virtual:*'],
    'The mock backend depends only on the domain (content, paywall).',
  ),
  forbid(
    ['src/host/**'],
    [...REACT, '../session/*', '../routes/*', '../ui/*', '../catalog*', '../*.tsx', 'virtual:*', 'vite'],
    'The production server serves the build and mounts the API: no client code, no Vite at run time.',
  ),
  forbid(
    ['src/session/**'],
    ['react-router', 'react-router-dom', '../routes/*', '../ui/*', '../server/*', '../build/*', '../host/*', 'node:*'],
    'The session module is the browser side of the API: no screens, no server code.',
  ),
  forbid(
    ['src/ui/**'],
    [
      ...REACT.filter((name) => name.startsWith('react-router')),
      '../routes/*',
      '../session/*',
      '../server/*',
      '../build/*',
      '../host/*',
      'node:*',
    ],
    'Shared UI pieces only present what they are given.',
  ),
  forbid(
    ['src/routes/**', 'src/*.ts', 'src/*.tsx'],
    ['**/server/*', '**/build/*', '**/host/*', 'node:*'],
    'Client code never imports the mock backend, the production server or build tooling: they would ship to the browser.',
  ),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.testing.ts', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
