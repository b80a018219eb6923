// Vite: the React app, the articles plugin (seeds → public parts), the mock API on /api/* and,
// for the preview server, the security headers and compression a real host would add.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { apiPlugin } from './src/build/api-plugin.ts';
import { articlesPlugin } from './src/build/articles-plugin.ts';
import { previewPlugin } from './src/build/preview-plugin.ts';
import { createSeedLibrary } from './src/build/seed-library.ts';

const root = import.meta.dirname;
const GATED_SOURCES = ['**/seeds/**', '**/*.test.*', '**/*.testing.*', '**/e2e/**'];
// LEDE_SEEDS_DIR: another folder of seeds, for the benchmark's generated corpus.
const library = createSeedLibrary(path.resolve(root, process.env.LEDE_SEEDS_DIR ?? 'seeds'), root);

export default defineConfig(({ mode }) => ({
  // previewPlugin first: its headers and compression apply to the API's answers too.
  plugins: [react(), previewPlugin(), articlesPlugin(library), apiPlugin(library)],
  build: {
    // Every browser Lede supports has <link rel="modulepreload">; the polyfill would only cost bytes.
    modulePreload: { polyfill: false },
  },
  server: {
    // The dev server serves any file under the project root on request. Seeds and tests hold
    // gated text, so they are refused like Vite's own defaults (the first four entries).
    // Vitest (mode 'test') loads test files through the same server, so there they are allowed.
    fs: { deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', ...(mode === 'test' ? [] : GATED_SOURCES)] },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
}));
