// Vite plugin: the public part of every seed as static JSON, `/data/index.json` (the front page)
// and `/data/articles/<slug>.json` (one article), emitted at build and served by the dev server.
// Gated paragraphs are cut here, at build time, so they never reach the client's files.
import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { SeedError } from '../content/seed-error.ts';
import { toPublicArticle } from '../content/split-article.ts';
import { INDEX_DATA_PATH, articleDataPath } from '../config/paths.ts';
import { toArticleSummary } from '../content/summary.ts';
import type { SeedLibrary } from '../seed-files/seed-library.ts';

/** Every data file by its URL path: the JSON the browser may fetch. */
export function publicDataFiles(library: SeedLibrary): Map<string, string> {
  const articles = library.articles().map(toPublicArticle);
  const files = new Map([[INDEX_DATA_PATH, JSON.stringify(articles.map(toArticleSummary))]]);
  for (const article of articles) files.set(articleDataPath(article.slug), JSON.stringify(article));
  return files;
}

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
    generateBundle() {
      for (const [urlPath, source] of publicDataFiles(library)) {
        this.emitFile({ type: 'asset', fileName: urlPath.slice(1), source });
      }
    },
    configureServer(server) {
      server.middlewares.use(serveData(library));
      // Adding, editing or removing a seed updates the running dev server.
      server.watcher.add(library.dir);
      const onSeedChange = (file: string): void => {
        const name = path.basename(file);
        if (path.dirname(file) !== library.dir || name.startsWith('.') || !/\.(txt|json)$/.test(name)) return;
        library.invalidate();
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

/** The dev server's answer for `/data/*`: the same JSON the build emits. */
function serveData(library: SeedLibrary): Connect.NextHandleFunction {
  return (request, response, next) => {
    const urlPath = request.url?.split('?')[0] ?? '';
    if (!urlPath.startsWith('/data/')) return next();
    let files: Map<string, string>;
    try {
      files = publicDataFiles(library);
    } catch (error) {
      response.statusCode = 503;
      response.end(describe(error));
      return;
    }
    const source = files.get(urlPath);
    if (source === undefined) return next();
    response.setHeader('Content-Type', 'application/json');
    response.setHeader('Cache-Control', 'no-cache');
    response.end(source);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
