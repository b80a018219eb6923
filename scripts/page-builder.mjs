// The string work of prerendering: one page is the built index.html with the rendered app, its
// head, the Content-Security-Policy, the inlined stylesheet, the boot script and the page's data
// put in. Every part arrives as finished HTML (escaped by React, escapeHtml or jsonForScript) and
// goes in exactly as given: each place is found in the template alone, before anything is put in,
// and nothing is ever a replacement pattern of String.prototype.replace, where `$&`, `$'`, `` $` ``
// and `$$` in an article's text would mean something.

/** React hoists <title>, <meta> and <link> to the front of its output: they belong in <head>. */
export function splitHoisted(html) {
  const hoisted = /^(?:<title>[^<]*<\/title>|<meta [^>]*\/?>|<link [^>]*\/?>)+/.exec(html)?.[0] ?? '';
  return { hoisted, body: html.slice(hoisted.length) };
}

/** One page's HTML; see page-builder.d.mts for what each part is. */
export function buildPage(parts) {
  const {
    template,
    stylesheetTag,
    entryTag,
    css,
    bootScript,
    policyAttribute,
    pathAttribute,
    rendered,
    head,
    carried,
  } = parts;
  const { hoisted, body } = splitHoisted(rendered);
  return fillTemplate(template, [
    ['<html lang="en">', () => `<html lang="en" data-path="${pathAttribute}">`],
    [
      '<meta charset="UTF-8" />',
      () => `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policyAttribute}" />`,
    ],
    // An article brings its own description (its lead); other pages keep the site's.
    [/<meta\s+name="description"[^>]*>/, (site) => (head === undefined ? site : '')],
    [/<title>[^<]*<\/title>/, () => head ?? hoisted],
    [stylesheetTag, () => `<style>${css}</style>`],
    // The boot script requests the app's script once the page has painted (scripts/prerender.mjs).
    [entryTag, () => ''],
    ['</head>', () => `<script>${bootScript}</script>\n  </head>`],
    [
      '<div id="root"></div>',
      () => `<div id="root">${body}</div>\n    <script id="lede-page" type="application/json">${carried}</script>`,
    ],
  ]);
}

/**
 * The template with each place (a string, or a pattern) replaced by what its function returns for
 * the text found there. Each must occur exactly once, in the template itself: what is put in is
 * never searched, and a template that lost a place fails the build instead of losing, say, the CSP.
 */
export function fillTemplate(template, places) {
  const found = places
    .map(([place, fill]) => ({ ...findOnce(template, place), fill }))
    .sort((a, b) => a.index - b.index);
  let html = '';
  let from = 0;
  for (const { index, text, fill } of found) {
    if (index < from) throw new Error(`The page template's places overlap at ${JSON.stringify(text)}`);
    html += template.slice(from, index) + fill(text);
    from = index + text.length;
  }
  return html + template.slice(from);
}

function findOnce(template, place) {
  const pattern =
    typeof place === 'string'
      ? new RegExp(
          place.replace(/[.*+?^${}()|[\]\\]/g, (char) => `\\${char}`),
          'g',
        )
      : new RegExp(place.source, `${place.flags.replace('g', '')}g`);
  const matches = [...template.matchAll(pattern)];
  if (matches.length !== 1 || matches[0][0] === '') {
    throw new Error(`The page template holds ${matches.length} of ${String(place)}, not exactly one`);
  }
  return { index: matches[0].index, text: matches[0][0] };
}
