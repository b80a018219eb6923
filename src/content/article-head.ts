// The <head> of a prerendered article: title, description, canonical link, Open Graph, and
// Google's paywalled-content JSON-LD. Built from the public article only, so no gated sentence
// can appear in it. Pure: returns HTML text, escaped here.
import type { PublicArticle } from './article.ts';
import { articlePath } from '../config/paths.ts';

export interface HeadOptions {
  /** The site's origin for absolute URLs, e.g. `https://lede.example`. */
  siteUrl: string;
  /** The class of the element where gated text goes (`.gated-content`). */
  gatedClass: string;
}

export function articleHeadTags(article: PublicArticle, { siteUrl, gatedClass }: HeadOptions): string {
  const url = `${siteUrl}${articlePath(article.slug)}`;
  const description = truncate(article.lead, 160);
  const structuredData = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description,
    ...(article.published === undefined ? {} : { datePublished: article.published }),
    ...(article.source === undefined
      ? {}
      : { publisher: { '@type': 'Organization', name: article.source.name }, isBasedOn: article.source.url }),
    mainEntityOfPage: url,
    isAccessibleForFree: article.gatedCount === 0,
    ...(article.gatedCount === 0
      ? {}
      : { hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: `.${gatedClass}` } }),
  };
  return [
    `<title>${escapeHtml(`${article.headline} — Lede`)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(article.headline)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:site_name" content="Lede">`,
    `<script type="application/ld+json">${jsonForScript(structuredData)}</script>`,
  ].join('\n    ');
}

/** Cuts at a word boundary and adds "…", so a description never ends mid-word. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON inside <script>: `<` escaped so no `</script>` can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
