// Vite plugin: `virtual:lede/articles`, the public part of every seed as a JS module.
// Gated paragraphs are cut here, at build time, so they never enter a client chunk.
import type { Plugin } from 'vite';
import { SeedError } from '../content/seed-error.ts';
import { toPublicArticle } from '../content/split-article.ts';
import path from 'node:path';
import type { SeedLibrary } from './seed-library.ts';

export const ARTICLES_MODULE = 'virtual:lede/articles';
const RESOLVED_ID = `\0${ARTICLES_MODULE}`;

export function articlesPlugin(library: SeedLibrary): Plugin {
  return {
    name: 'lede:articles',
    buildStart() {
      // Parse before anything else so a malformed seed stops `vite build` and `vite` at once.
      library.invalidate();
      try {
        library.articles();
      } catch (error) {
        this.error(error instanceof SeedError ? error.message : describe(error));
      }
    },
    resolveId(id) {
      return id === ARTICLES_MODULE ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const articles = library.articles().map(toPublicArticle);
      return { code: `export const articles = ${JSON.stringify(articles)};\n`, moduleType: 'js' };
    },
    configureServer(server) {
      // Adding, editing or removing a seed updates the running dev server.
      server.watcher.add(library.dir);
      const onSeedChange = (file: string): void => {
        const name = path.basename(file);
        if (path.dirname(file) !== library.dir || name.startsWith('.') || !/\.(txt|json)$/.test(name)) return;
        library.invalidate();
        const module = server.moduleGraph.getModuleById(RESOLVED_ID);
        if (module !== undefined) server.moduleGraph.invalidateModule(module);
        try {
          library.articles();
          server.ws.send({ type: 'full-reload' });
        } catch (error) {
          server.config.logger.error(describe(error));
          server.ws.send({ type: 'error', err: { message: describe(error), stack: '' } });
        }
      };
      server.watcher.on('add', onSeedChange).on('change', onSeedChange).on('unlink', onSeedChange);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
