// `vite build --config vite.host.config.ts`: the production server (src/host/main.ts) as one
// JavaScript file for Node 20 in dist-host/, outside the served dist/. Everything it imports is
// bundled in, packages too, so it runs with `node dist-host/main.js` and needs no node_modules
// (zod, cookie, jsonc-parser and the fetch adapter are otherwise development dependencies).
import { defineConfig } from 'vite';

export default defineConfig({
  ssr: { noExternal: true },
  build: {
    ssr: 'src/host/main.ts',
    outDir: 'dist-host',
    emptyOutDir: true,
    target: 'node20',
    copyPublicDir: false,
    rollupOptions: { output: { entryFileNames: 'main.js' } },
  },
});
