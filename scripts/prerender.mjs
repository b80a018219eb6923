// After `vite build` (the client) and `vite build --ssr src/entry-server.tsx` (the renderer):
// writes the anonymous view of `/`, `/login` and every article into dist/ as static HTML that
// the client hydrates. Only the public JSON in dist/data is read, so no gated text can get in.
// The stylesheet is inlined (it is small), so nothing blocks the first paint.
// It also writes the Content-Security-Policy: in each page as a <meta> (what a meta can carry),
// and whole, with the other security headers, in dist-host/security-headers.json, outside the
// served dist/, for the servers (the production server and `npm run preview` send them; another
// host would be configured with the same values). And dist/404.html, the "Page not found" page
// the production server sends with its 404s.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPage, fillTemplate } from './page-builder.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const server = path.join(root, 'dist-server');
const siteUrl = (process.env.LEDE_SITE_URL ?? 'http://localhost:4173').replace(/\/$/, '');
if (process.env.LEDE_SITE_URL === undefined) {
  // Canonical and Open Graph links are absolute: a build meant for deployment must not point them
  // at localhost without anyone noticing.
  console.warn(
    'warning: LEDE_SITE_URL is not set, so canonical and Open Graph URLs point at http://localhost:4173.\n' +
      '         Set it to the public origin (LEDE_SITE_URL=https://example.com npm run build) for a deployment.',
  );
}

const {
  renderPage,
  articleHead,
  escapeHtml,
  jsonForScript,
  preloadAllPages,
  PREFERENCES_KEY,
  DEFAULT_PREFERENCES,
  THEMES,
  TEXT_SIZES,
  HOME_PATH,
  LOGIN_PATH,
  NOT_FOUND_PAGE_PATH,
  INDEX_DATA_PATH,
  SECURITY_HEADERS_FILE,
  articleDataPath,
  articlePath,
} = await import(pathToFileURL(path.join(server, 'entry-server.js')).href);

await preloadAllPages();

const template = readFileSync(path.join(dist, 'index.html'), 'utf8');
// Vite's manifest of the client build: read once, then removed from the served folder.
const manifestDir = path.join(dist, '.vite');
const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
rmSync(manifestDir, { recursive: true, force: true });
const stylesheet = /<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/.exec(template);
if (stylesheet === null) throw new Error('dist/index.html links no stylesheet');
const css = readFileSync(path.join(dist, stylesheet[1]), 'utf8');
const entry = /<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>/.exec(template);
if (entry === null) throw new Error("dist/index.html has no module script for the app's entry");

/**
 * The one inline script, run before the first paint and the same on every page, so one hash in
 * the CSP allows it. It applies the reader's stored theme and text size (src/client-state/preferences.ts keeps
 * them; applying them later would flash), and makes a page served by the SPA fallback for a URL
 * it was not made for start blank and render fresh (src/main.tsx) instead of showing, then
 * hydrating, the wrong page (the path a page was made for is on <html>).
 *
 * And it requests the app's script only once the page has painted (a task after the animation
 * callbacks of the first frame once the page is parsed): the prerendered page is complete without
 * it, so on a slow link its bytes never compete with the page's and the first paint is the static
 * page's. Not the very first frame: asking for one from <head> made Chromium paint a frame of the
 * empty page between two parts of the parse, and the task that adds the script then ran before the
 * frame with the text (a trace at 4× CPU: about 13 ms for that empty frame and 9 ms for the task,
 * both before the headline painted). A page loaded hidden
 * (a background tab) paints no frame until shown, so it asks at once. Until the app runs, the
 * controls that need it are disabled (useIsLive), so a click that comes early waits instead of
 * being lost: a tester's `click()` and `fill()` wait for enabled controls.
 */
const attributeValues = (values, byDefault) => JSON.stringify(values.filter((value) => value !== byDefault));
const BOOT_SCRIPT = [
  'var d=document.documentElement;',
  "if(location.pathname!==d.dataset.path)d.dataset.fresh='';",
  `try{var p=JSON.parse(localStorage.getItem(${JSON.stringify(PREFERENCES_KEY)})||'{}');`,
  `if(${attributeValues(THEMES, DEFAULT_PREFERENCES.theme)}.indexOf(p.theme)>=0)d.dataset.theme=p.theme;`,
  `if(${attributeValues(TEXT_SIZES, DEFAULT_PREFERENCES.textSize)}.indexOf(p.textSize)>=0)d.dataset.textSize=p.textSize}catch(e){}`,
  "var s=function(){var e=document.createElement('script');e.type='module';e.crossOrigin='';",
  `e.src=${JSON.stringify(entry[1])};document.head.appendChild(e)};`,
  "if(document.visibilityState==='hidden')s();",
  "else document.addEventListener('DOMContentLoaded',function(){requestAnimationFrame(function(){setTimeout(s,0)})});",
].join('');

const hashOf = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
// No 'unsafe-inline' or 'unsafe-eval': inline code runs only if it is exactly ours. The JSON-LD
// and the carried page data are data blocks (non-script types), which script-src does not govern.
const policy = {
  'default-src': "'self'",
  'script-src': `'self' ${hashOf(BOOT_SCRIPT)}`,
  'style-src': `'self' ${hashOf(css)}`,
  'img-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};
const serialize = (directives) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
// A <meta> policy cannot carry frame-ancestors (browsers ignore it there, with a console error).
const { 'frame-ancestors': _headerOnly, ...metaPolicy } = policy;
const securityHeaders = {
  'Content-Security-Policy': serialize(policy),
  'X-Content-Type-Options': 'nosniff',
  // Full referrer within Lede (same-origin checks stay possible); none to the source's site.
  'Referrer-Policy': 'same-origin',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Nothing of Lede's is meant to be loaded by another site.
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Powerful features Lede never uses, denied to the page and anything it could embed.
  'Permissions-Policy': [
    'accelerometer',
    'autoplay',
    'camera',
    'display-capture',
    'encrypted-media',
    'fullscreen',
    'geolocation',
    'gyroscope',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'picture-in-picture',
    'publickey-credentials-get',
    'screen-wake-lock',
    'usb',
    'xr-spatial-tracking',
  ]
    .map((feature) => `${feature}=()`)
    .join(', '),
};

function page({ location, data, head }) {
  return buildPage({
    template,
    stylesheetTag: stylesheet[0],
    entryTag: entry[0],
    css,
    bootScript: BOOT_SCRIPT,
    policyAttribute: escapeHtml(serialize(metaPolicy)),
    pathAttribute: escapeHtml(location),
    rendered: renderPage(location, data),
    head,
    carried: jsonForScript({ path: location, data: data ?? null }),
  });
}

/**
 * The files of a lazily loaded screen's chunk and the chunks it imports (the entry aside), from
 * Vite's build manifest: the login page preloads its own code, so it arrives with the page rather
 * than a hop after the entry asks for it.
 */
function chunksOf(source) {
  const chunk = manifest[source];
  if (chunk === undefined) throw new Error(`The build manifest has no chunk for ${source}`);
  const imported = (chunk.imports ?? [])
    .map((key) => manifest[key])
    .filter((each) => each !== undefined && !each.isEntry);
  return [chunk.file, ...imported.map((each) => each.file)];
}

function withModulePreloads(html, files) {
  const links = files.map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`).join('');
  return fillTemplate(html, [['</head>', (end) => `${links}\n  ${end}`]]);
}

function write(file, html) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, html);
}

/** A page's file in dist/: `/login` is dist/login.html, as the production server looks it up. */
const pageFile = (location) => path.join(dist, location === HOME_PATH ? 'index.html' : `${location.slice(1)}.html`);

const index = JSON.parse(readFileSync(path.join(dist, INDEX_DATA_PATH), 'utf8'));
write(pageFile(HOME_PATH), page({ location: HOME_PATH, data: { url: INDEX_DATA_PATH, value: index } }));
write(pageFile(LOGIN_PATH), withModulePreloads(page({ location: LOGIN_PATH }), chunksOf('src/screens/LoginPage.tsx')));

// Every article the articles plugin emitted, by the data path of its slug.
const articlesDir = path.join(dist, path.dirname(articleDataPath('slug')));
let count = 0;
for (const name of readdirSync(articlesDir)) {
  const url = articleDataPath(name.replace(/\.json$/, ''));
  const article = JSON.parse(readFileSync(path.join(dist, url), 'utf8'));
  const location = articlePath(article.slug);
  write(pageFile(location), page({ location, data: { url, value: article }, head: articleHead(article, siteUrl) }));
  count += 1;
}
// Rendered for a path no route has: the app's "Page not found". In the browser the page renders
// fresh for the URL actually asked for (its path differs), so it names that one.
write(pageFile(NOT_FOUND_PAGE_PATH), page({ location: NOT_FOUND_PAGE_PATH }));
write(path.join(root, SECURITY_HEADERS_FILE), `${JSON.stringify(securityHeaders, null, 2)}\n`);
rmSync(server, { recursive: true, force: true });
console.log(
  `prerendered /, /login, the 404 page and ${count} article${count === 1 ? '' : 's'} (site URL ${escapeHtml(siteUrl)})`,
);
