// Lint: bugs and the architecture's boundaries. Prettier settles formatting (see .prettierrc.json).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const REACT = ['react', 'react-dom', 'react-dom/*', 'react-router', 'react-router-dom'];

const DOMAIN = ['src/content', 'src/paywall', 'src/config'];
const CLIENT = ['src/app', 'src/screens', 'src/ui', 'src/client-state'];
const NODE_SIDE = ['src/server', 'src/host', 'src/vite-plugins', 'src/seed-files'];
const ALL = [...DOMAIN, ...CLIENT, ...NODE_SIDE, 'src/main.tsx', 'src/entry-server.tsx'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.testing.ts', '**/*.bench.ts'];
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'global'];

/** Every folder of ours except `allowed`. */
function OURS_BUT(allowed) {
  return ALL.filter((path) => !allowed.includes(path));
}

/** Files under `target` may not import files under any of `from`. */
function zone(target, from, message) {
  return target.map((each) => ({ target: `./${each}`, from: from.map((path) => `./${path}`), message }));
}

export default tseslint.config(
  {
    ignores: ['**/dist', 'dist-host', 'dist-server', '**/node_modules', '**/playwright-report', '**/test-results'],
  },
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

  // Dependencies point one way, checked by where the imported file is, at any depth:
  //   app → screens → ui, client-state → domain (content, paywall) and config;
  //   server → domain, config; host → server, seed-files, vite-plugins' security headers;
  //   vite-plugins → server, seed-files; nothing in the client imports Node code.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js'] })] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zone(
              ['src/content', 'src/paywall', 'src/config'],
              OURS_BUT(['src/content', 'src/paywall', 'src/config']),
              'The domain (content, paywall) and config are pure TypeScript: nothing else of ours.',
            ),
            ...zone(['src/ui'], OURS_BUT(['src/ui', ...DOMAIN]), 'Shared UI pieces only present what they are given.'),
            ...zone(
              ['src/client-state'],
              OURS_BUT(['src/client-state', ...DOMAIN]),
              'Client state is the browser side of the API and the stores: no screens, no server code.',
            ),
            ...zone(
              ['src/screens'],
              OURS_BUT(['src/screens', 'src/ui', 'src/client-state', ...DOMAIN]),
              'A screen uses client state, UI pieces and the domain; never the app shell or server code.',
            ),
            ...zone(
              ['src/app', 'src/main.tsx', 'src/entry-server.tsx'],
              [...NODE_SIDE],
              'Client code never imports the mock backend, the production server or build tooling: they would ship to the browser.',
            ),
            ...zone(
              ['src/server'],
              OURS_BUT(['src/server', ...DOMAIN]),
              'The mock backend depends only on the domain and config.',
            ),
            ...zone(
              ['src/seed-files'],
              OURS_BUT(['src/seed-files', ...DOMAIN]),
              'Reading seeds from disk needs only the domain.',
            ),
            ...zone(
              ['src/vite-plugins'],
              [...CLIENT, 'src/host'],
              'Vite plugins mount the API and emit data: no client code, no production server.',
            ),
            ...zone(
              ['src/host'],
              [...CLIENT],
              'The production server serves the build and mounts the API: no client code.',
            ),
          ],
        },
      ],
    },
  },
  // The fixtures package and its example are what a tester installs and writes: they know Lede only
  // by its HTTP API, never by its source, so they work against any Lede a tester points them at.
  {
    files: ['packages/**/*.ts', 'examples/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })] },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zone(
              ['packages', 'examples'],
              ['src', 'e2e', 'scripts'],
              'The package and its example know Lede by its API only: nothing of its source, tests or scripts.',
            ),
            ...zone(
              ['packages'],
              ['examples'],
              'The package stands alone: it is what the example installs, not the other way round.',
            ),
            ...zone(
              ['examples'],
              ['packages/playwright/src'],
              'The example imports the package by its name, as a tester installs it ("@lede/playwright").',
            ),
          ],
        },
      ],
    },
  },
  // Node's globals and modules only where Node code lives.
  {
    files: CLIENT.map((folder) => `${folder}/**/*.{ts,tsx}`).concat([
      'src/content/**/*.ts',
      'src/paywall/**/*.ts',
      'src/config/**',
    ]),
    ignores: TEST_FILES,
    rules: {
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({ name, message: 'Browser and domain code runs without Node.' })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*', 'vite', 'virtual:*'], message: 'Browser and domain code runs without Node.' }],
        },
      ],
    },
  },
  {
    files: ['src/content/**/*.ts', 'src/paywall/**/*.ts', 'src/config/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...REACT, 'node:*', 'virtual:*'], message: 'The domain is pure TypeScript: no React, no I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/client-state/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react-router', 'react-router-dom', 'node:*', 'virtual:*'],
              message: 'Routing belongs to screens and the app shell; Node to the server side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/host/**'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...REACT, 'vite'], message: 'No React, no Vite at run time.' }] },
      ],
    },
  },
);
