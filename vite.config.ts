import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { apiPlugin } from './src/build/api-plugin.ts';
import { articlesPlugin } from './src/build/articles-plugin.ts';
import { createSeedLibrary } from './src/build/seed-library.ts';

const root = import.meta.dirname;
const library = createSeedLibrary(path.join(root, 'seeds'), root);

export default defineConfig({
  plugins: [react(), articlesPlugin(library), apiPlugin(library)],
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
