// Prerendering puts untrusted text (an article's words, as the seed gives them) into HTML. Whatever
// the text, a prerendered page parsed back by an HTML parser gives exactly that text at every
// place it goes: head, JSON-LD, the rendered article, the page data. jsdom reads the pages back as
// a browser would.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildPage, fillTemplate, splitHoisted, type PageParts } from './page-builder.mjs';
import type { PublicArticle } from '../src/content/article.ts';
import { toPublicArticle } from '../src/content/split-article.ts';
import { INDEX_DATA_PATH, articleDataPath } from '../src/config/paths.ts';
import { toArticleSummary } from '../src/content/summary.ts';
import { articleHead, escapeHtml, jsonForScript, preloadAllPages, renderPage } from '../src/entry-server.tsx';
import { loadRealSeed } from '../src/seed-files/real-seed.ts';

/**
 * What a replacement string of String.prototype.replace, an HTML parser or a script's end tag
 * would read as something else, and other text that is easy to get wrong.
 */
const SPECIAL_SEQUENCES = [
  '$&',
  '$`',
  "$'",
  '$$',
  '$',
  '$1',
  '$0',
  '$<name>',
  '</script>',
  '</SCRIPT ',
  '<script>',
  '<!--',
  '<!--<script>',
  '-->',
  '</title>',
  '</style>',
  '<div id="root"></div>',
  '</head>',
  '<',
  '>',
  '&',
  '&amp;',
  '&#38;',
  '&lt;',
  '"',
  "'",
  '`',
  '${x}',
  '\\',
  '\\u003c',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\ufeff',
  '\t',
  '\n',
  ']]>',
  '😀',
];

/**
 * Any text a seed's field can hold, the special sequences often: no CR (the parser splits lines
 * on it) and no lone surrogate (a UTF-8 file cannot hold one). NUL is left out too: an HTML parser
 * drops it from text and reads it as U+FFFD in a title or attribute, so no page can carry it.
 */
const seedText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_SEQUENCES) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('').replace(/[\r\0]/g, ''));

const SITE_URL = 'https://lede.example';
const real = toPublicArticle(loadRealSeed());

/** dist/index.html as `vite build` leaves it: the module script and the stylesheet in <head>. */
const template = readFileSync(new URL('../index.html', import.meta.url), 'utf8')
  .replace(/\s*<script type="module" src="\/src\/main.tsx"><\/script>/, () => '')
  .replace(
    '</head>',
    () =>
      '  <script type="module" crossorigin src="/assets/index-abc.js"></script>\n' +
      '    <link rel="stylesheet" crossorigin href="/assets/index-abc.css">\n  </head>',
  );
const STYLESHEET_TAG = '<link rel="stylesheet" crossorigin href="/assets/index-abc.css">';
const ENTRY_TAG = '<script type="module" crossorigin src="/assets/index-abc.js"></script>';
const CSS = 'body{margin:0}';
const BOOT_SCRIPT = "var d=document.documentElement;d.dataset.boot='';";
const POLICY = "default-src 'self'";

/** What scripts/prerender.mjs does for one page, with the real renderer and escapers. */
function prerender(location: string, data: { url: string; value: unknown }, head: string | undefined): string {
  return buildPage({
    template,
    stylesheetTag: STYLESHEET_TAG,
    entryTag: ENTRY_TAG,
    css: CSS,
    bootScript: BOOT_SCRIPT,
    policyAttribute: escapeHtml(POLICY),
    pathAttribute: escapeHtml(location),
    rendered: renderPage(location, data),
    head,
    carried: jsonForScript({ path: location, data }),
  });
}

function prerenderArticle(article: PublicArticle): Document {
  const location = `/articles/${article.slug}`;
  const data = { url: articleDataPath(article.slug), value: article };
  return parse(prerender(location, data, articleHead(article, SITE_URL)));
}

// jsdom ships no types: this is the one constructor used.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

function all(document: Document, selector: string): Element[] {
  return [...document.querySelectorAll(selector)];
}

function only(document: Document, selector: string): Element {
  const found = all(document, selector);
  if (found.length !== 1) throw new Error(`${found.length} elements match ${selector}`);
  return found[0] as Element;
}

function attributeOf(document: Document, selector: string, name: string): string | null {
  return only(document, selector).getAttribute(name);
}

/** The page is whole: nothing put in ended an element early or opened one. */
function expectPageIntact(document: Document, location: string): void {
  expect(document.documentElement.dataset.path).toBe(location);
  expect(attributeOf(document, 'meta[http-equiv="Content-Security-Policy"]', 'content')).toBe(POLICY);
  expect(only(document, 'style').textContent).toBe(CSS);
  expect(only(document, 'head > script:not([type]):not([src])').textContent).toBe(BOOT_SCRIPT);
  // No script element of the page requests anything: the boot script requests the app's once the page has painted.
  expect(all(document, 'script[src]')).toEqual([]);
  expect(all(document, 'title')).toHaveLength(1);
  expect(only(document, 'body > #root').parentElement?.tagName).toBe('BODY');
}

/** Every place an article's text goes, read back from the parsed page. */
function expectArticleReadsBack(document: Document, article: PublicArticle): void {
  const location = `/articles/${article.slug}`;
  expectPageIntact(document, location);
  const { headline, dateline, figure, lead, freeBody, gate, source } = article;
  expect(only(document, 'title').textContent).toBe(`${headline} — Lede`);
  expect(attributeOf(document, 'meta[property="og:title"]', 'content')).toBe(headline);
  const jsonLd = JSON.parse(only(document, 'script[type="application/ld+json"]').textContent ?? '') as Record<
    string,
    unknown
  >;
  expect(jsonLd.headline).toBe(headline);
  expect(jsonLd.publisher).toEqual(source === undefined ? undefined : { '@type': 'Organization', name: source.name });
  const description = attributeOf(document, 'meta[name="description"]', 'content') ?? '';
  expect(attributeOf(document, 'meta[property="og:description"]', 'content')).toBe(description);
  expect(jsonLd.description).toBe(description);
  if (lead.length <= 160) expect(description).toBe(lead);
  else expect(lead.startsWith(description.slice(0, -1))).toBe(true);

  expect(only(document, 'h1').textContent).toBe(headline);
  expect(only(document, '.dateline').textContent).toBe(dateline);
  expect(only(document, '.figure__caption').textContent).toBe(figure.caption);
  expect(only(document, '.figure__credit').textContent).toBe(figure.credit);
  expect(only(document, '.lead').textContent).toBe(lead);
  expect(all(document, '.article__body > p:not(.lead)').map((paragraph) => paragraph.textContent)).toEqual(freeBody);
  const gateText = only(document, '.gated-content').textContent ?? '';
  for (const words of [gate.heading, gate.question, gate.linkText]) expect(gateText).toContain(words);

  const carried: unknown = JSON.parse(only(document, 'script#lede-page').textContent ?? '');
  expect(carried).toEqual({ path: location, data: { url: articleDataPath(article.slug), value: article } });
}

function withText(
  text: Partial<Record<'headline' | 'dateline' | 'caption' | 'credit' | 'lead', string>>,
): PublicArticle {
  return {
    ...real,
    ...(text.headline === undefined ? {} : { headline: text.headline }),
    ...(text.dateline === undefined ? {} : { dateline: text.dateline }),
    ...(text.lead === undefined ? {} : { lead: text.lead }),
    figure: { caption: text.caption ?? real.figure.caption, credit: text.credit ?? real.figure.credit },
  };
}

beforeAll(async () => {
  await preloadAllPages();
});

describe('an article page', () => {
  test('the real seed reads back exactly', () => {
    expectArticleReadsBack(prerenderArticle(real), real);
  });

  test.each(SPECIAL_SEQUENCES.map((sequence) => [JSON.stringify(sequence), sequence]))(
    'with %s in every field, reads back exactly',
    (_name, sequence) => {
      const text = (field: string): string => `${field} ${sequence} ${sequence}${sequence} end`;
      const article: PublicArticle = {
        ...withText({
          headline: text('Headline'),
          dateline: text('DATELINE'),
          caption: text('Caption'),
          credit: `(${text('Credit')})`,
          lead: text('Lead'),
        }),
        freeBody: [text('First'), sequence],
        gate: { heading: text('Heading'), question: text('Question'), linkText: text('Link') },
        source: { name: text('Source'), url: 'https://source.example/a' },
      };
      expectArticleReadsBack(prerenderArticle(article), article);
    },
  );

  test('with any text in any field, reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.record({
          headline: seedText,
          dateline: seedText,
          caption: seedText,
          credit: seedText,
          lead: seedText,
          freeBody: fc.array(seedText, { maxLength: 3 }),
          gate: fc.record({ heading: seedText, question: seedText, linkText: seedText }),
          sourceName: seedText,
        }),
        ({ freeBody, gate, sourceName, ...text }) => {
          const article: PublicArticle = {
            ...withText(text),
            freeBody,
            gate,
            source: { name: sourceName, url: 'https://source.example/a' },
          };
          expectArticleReadsBack(prerenderArticle(article), article);
        },
      ),
      { numRuns: 150 },
    );
  }, 30_000); // 150 pages rendered and parsed: seconds on a busy machine
});

describe('the front page', () => {
  test('with any text in the headlines and leads, reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ headline: seedText, lead: seedText }), { minLength: 1, maxLength: 3 }),
        (texts) => {
          const summaries = texts.map((text, index) => toArticleSummary({ ...withText(text), slug: `story-${index}` }));
          const document = parse(prerender('/', { url: INDEX_DATA_PATH, value: summaries }, undefined));
          expectPageIntact(document, '/');
          const textsOf = (selector: string): (string | null)[] =>
            all(document, selector).map((element) => element.textContent);
          expect(textsOf('.story-card__headline')).toEqual(texts.map((text) => text.headline));
          expect(textsOf('.story-card__lead')).toEqual(texts.map((text) => text.lead));
          const carried: unknown = JSON.parse(only(document, 'script#lede-page').textContent ?? '');
          expect(carried).toEqual({ path: '/', data: { url: INDEX_DATA_PATH, value: summaries } });
        },
      ),
      { numRuns: 50 },
    );
  });
});

/** A template small enough to write the expected page out in full. */
const SMALL_TEMPLATE = [
  '<!doctype html>',
  '<html lang="en">',
  '  <head>',
  '    <meta charset="UTF-8" />',
  '    <meta name="description" content="The site." />',
  '    <title>Lede</title>',
  '    <script type="module" crossorigin src="/a.js"></script>',
  '    <link rel="stylesheet" href="/a.css">',
  '  </head>',
  '  <body>',
  '    <div id="root"></div>',
  '  </body>',
  '</html>',
].join('\n');

/** The page SMALL_TEMPLATE should become, written out with template literals: no replace anywhere. */
function expectedSmallPage(
  parts: Omit<PageParts, 'template' | 'stylesheetTag' | 'entryTag' | 'rendered'>,
  hoisted: string,
  body: string,
): string {
  return [
    '<!doctype html>',
    `<html lang="en" data-path="${parts.pathAttribute}">`,
    '  <head>',
    `    <meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${parts.policyAttribute}" />`,
    parts.head === undefined ? '    <meta name="description" content="The site." />' : '    ',
    `    ${parts.head ?? hoisted}`,
    '    ',
    `    <style>${parts.css}</style>`,
    `  <script>${parts.bootScript}</script>\n  </head>`,
    '  <body>',
    `    <div id="root">${body}</div>\n    <script id="lede-page" type="application/json">${parts.carried}</script>`,
    '  </body>',
    '</html>',
  ].join('\n');
}

describe('buildPage', () => {
  const anyText = fc.oneof(seedText, fc.string({ unit: 'binary' }));

  test('puts every part in exactly as given, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.record({
          css: anyText,
          bootScript: anyText,
          policyAttribute: anyText,
          pathAttribute: anyText,
          title: anyText,
          body: anyText,
          head: fc.option(anyText, { nil: undefined }),
          carried: anyText,
        }),
        ({ title, body, ...parts }) => {
          const hoisted = `<title>${escapeHtml(title)}</title><meta name="x" content="${escapeHtml(title)}">`;
          const rendered = `${hoisted}<main>${body}</main>`;
          const page = buildPage({
            ...parts,
            template: SMALL_TEMPLATE,
            stylesheetTag: '<link rel="stylesheet" href="/a.css">',
            entryTag: '<script type="module" crossorigin src="/a.js"></script>',
            rendered,
          });
          expect(page).toBe(expectedSmallPage(parts, hoisted, `<main>${body}</main>`));
        },
      ),
      { numRuns: 500 },
    );
  });

  test.each(SPECIAL_SEQUENCES.map((sequence) => [JSON.stringify(sequence), sequence]))(
    'puts %s in as it is, in every part',
    (_name, sequence) => {
      const parts = {
        css: sequence,
        bootScript: sequence,
        policyAttribute: sequence,
        pathAttribute: sequence,
        head: sequence,
        carried: sequence,
      };
      // React's title text is always escaped; the rest is put in raw here, as no renderer would.
      const hoisted = `<title>${escapeHtml(sequence)}</title>`;
      const rendered = `${hoisted}<main>${sequence}</main>`;
      const page = buildPage({
        ...parts,
        template: SMALL_TEMPLATE,
        stylesheetTag: '<link rel="stylesheet" href="/a.css">',
        entryTag: '<script type="module" crossorigin src="/a.js"></script>',
        rendered,
      });
      expect(page).toBe(expectedSmallPage(parts, hoisted, `<main>${sequence}</main>`));
    },
  );

  test('a template without one of its places, or with two, fails instead of losing a part', () => {
    const parts = {
      stylesheetTag: '<link rel="stylesheet" href="/a.css">',
      entryTag: '<script type="module" crossorigin src="/a.js"></script>',
      css: '',
      bootScript: '',
      policyAttribute: '',
      pathAttribute: '/',
      rendered: '',
      head: undefined,
      carried: 'null',
    };
    expect(() => buildPage({ ...parts, template: SMALL_TEMPLATE.replace('<meta charset="UTF-8" />', '') })).toThrow(
      /holds 0 of <meta charset="UTF-8" \/>/,
    );
    expect(() =>
      buildPage({ ...parts, template: SMALL_TEMPLATE.replace('</body>', '<div id="root"></div></body>') }),
    ).toThrow(/holds 2 of <div id="root"><\/div>/);
  });
});

describe('fillTemplate', () => {
  test('never searches what it put in', () => {
    expect(
      fillTemplate('<a><b>', [
        ['<a>', () => '<b>$&'],
        ['<b>', () => 'B'],
      ]),
    ).toBe('<b>$&B');
  });
});

describe('splitHoisted', () => {
  test('takes the title, meta and link tags React put first, and nothing after', () => {
    expect(
      splitHoisted(
        '<title>A &amp; B</title><meta name="d" content="x"/><link rel="c" href="/"><main><title>x</title></main>',
      ),
    ).toEqual({
      hoisted: '<title>A &amp; B</title><meta name="d" content="x"/><link rel="c" href="/">',
      body: '<main><title>x</title></main>',
    });
  });
});
