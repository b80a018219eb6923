// Vite: the React app, the articles plugin (seeds → public parts), the mock API on /api/* and,
// for the preview server, the security headers and compression a real host would add.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { apiPlugin } from './src/vite-plugins/api-plugin.ts';
import { articlesPlugin } from './src/vite-plugins/articles-plugin.ts';
import { previewPlugin } from './src/vite-plugins/preview-plugin.ts';
import { createSeedLibrary } from './src/seed-files/seed-library.ts';

const root = import.meta.dirname;
/** What the dev server may serve, relative to the root: the app, its static files and its dependencies. */
const SERVED = ['src', 'public', 'index.html', 'node_modules'];
const VITE_DENIED = ['.env', '.env.*', '*.{crt,pem}', '**/.git/**'];
const GATED_SOURCES = ['**/seeds/**', '**/*.test.*', '**/*.testing.*', '**/e2e/**'];
/** What a Playwright run leaves behind: traces, screenshots and saved logins show gated text. */
const TEST_OUTPUTS = ['**/test-results/**', '**/playwright-report/**', '**/playwright/.auth/**', '**/blob-report/**'];
// LEDE_SEEDS_DIR: another folder of seeds, for the benchmark's generated corpus.
const library = createSeedLibrary(path.resolve(root, process.env.LEDE_SEEDS_DIR ?? 'seeds'), root);

export default defineConfig(({ mode }) => ({
  // previewPlugin first: its headers and compression apply to the API's answers too.
  plugins: [react(), previewPlugin(), articlesPlugin(library), apiPlugin(library)],
  build: {
    // Every browser Lede supports has <link rel="modulepreload">; the polyfill would only cost bytes.
    modulePreload: { polyfill: false },
    // Which chunk holds which screen, for the prerender script (it preloads the login page's code
    // on the login page); read and deleted by it, so it is never served.
    manifest: true,
    rolldownOptions: {
      output: {
        // What the entry imports statically stays in the entry chunk: React, the router, the shell.
        // Without this group, Rolldown moves what the entry shares with some lazy chunks (the lab's)
        // into a chunk of its own, a second request on every page (rolldown/rolldown#9331). The
        // group's chunk holds the entry module, so it is the entry's chunk. See decision 050.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
        // V8's explicit compile hint: compile every function of the entry on a background thread as
        // it streams in, not each on the main thread at its first call (hydration, the first
        // unlock). After minification, which would drop the comment. See decision 052.
        postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad\n' : ''),
      },
    },
  },
  server: {
    // By default the dev server serves any file under the project root on request. Here it serves
    // only what the app needs (Vite adds its own client's folder); any other file gets 403. Seeds,
    // tests and Playwright's outputs hold gated text, so they are also refused by name, should the
    // allow list ever widen. VITE_DENIED is Vite's own default list.
    // Vitest (mode 'test') loads test files and scripts through the same server, so there only
    // Vite's defaults apply.
    fs:
      mode === 'test'
        ? { deny: VITE_DENIED }
        : { strict: true, allow: SERVED, deny: [...VITE_DENIED, ...GATED_SOURCES, ...TEST_OUTPUTS] },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    environment: 'node',
  },
}));
