// Loads modules of src/ (TypeScript, imported with `.ts` extensions) into a plain Node script,
// through Vite's SSR loader: what the benchmarks use to call the real server code. Node 20 cannot
// import .ts itself. The project's vite.config.ts is not needed, so it is not read.
import path from 'node:path';
import { createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

/** Each module by its path from the project root (`/src/server/handler.ts`), loaded once. */
export async function importTypeScript(...modules) {
  const vite = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  try {
    const loaded = [];
    for (const module of modules) loaded.push(await vite.ssrLoadModule(module));
    return loaded;
  } finally {
    await vite.close();
  }
}
