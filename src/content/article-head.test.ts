import { loadRealSeed } from '../seed-files/real-seed.ts';
import { describe, expect, test } from 'vitest';
import type { PublicArticle } from './article.ts';
import { articleHeadTags, escapeHtml, jsonForScript } from './article-head.ts';
import { getGatedParagraphs, toPublicArticle } from './split-article.ts';

const seed = loadRealSeed();
const options = { siteUrl: 'https://lede.example', gatedClass: 'gated-content' };

function jsonLdOf(head: string): unknown {
  const match = /<script type="application\/ld\+json">(.*)<\/script>/.exec(head);
  return JSON.parse(match?.[1] ?? 'null');
}

describe('articleHeadTags', () => {
  const head = articleHeadTags(toPublicArticle(seed), options);

  test('title, canonical and Open Graph name the article', () => {
    expect(head).toContain(`<title>${escapeHtml(seed.headline)} — Lede</title>`);
    expect(head).toContain(`<link rel="canonical" href="https://lede.example/articles/${seed.slug}">`);
    expect(head).toContain(`<meta property="og:title" content="${escapeHtml(seed.headline)}">`);
  });

  test('the description comes from the lead, cut at a word with "…"', () => {
    const description = /<meta name="description" content="([^"]*)">/.exec(head)?.[1] ?? '';
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description.endsWith('…')).toBe(true);
    expect(seed.lead.startsWith(description.slice(0, -1))).toBe(true);
  });

  test('NewsArticle JSON-LD marks the gated part with a class selector', () => {
    expect(jsonLdOf(head)).toMatchObject({
      '@type': 'NewsArticle',
      isAccessibleForFree: false,
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.gated-content' },
      datePublished: '2022-06-22',
    });
  });

  test('no gated sentence appears anywhere in the head', () => {
    for (const paragraph of getGatedParagraphs(seed)) expect(head).not.toContain(paragraph.slice(0, 40));
  });

  test('an article with nothing gated is accessible for free and has no gated part', () => {
    const free: PublicArticle = { ...toPublicArticle(seed), gatedCount: 0 };
    const jsonLd = jsonLdOf(articleHeadTags(free, options));
    expect(jsonLd).toMatchObject({ isAccessibleForFree: true });
    expect(jsonLd).not.toHaveProperty('hasPart');
  });

  test('markup in a headline is escaped, and cannot close the JSON-LD script', () => {
    const hostile: PublicArticle = { ...toPublicArticle(seed), headline: '</script><script>alert("x")</script> & co' };
    const tags = articleHeadTags(hostile, options);
    expect(tags).not.toContain('</script><script>');
    expect(tags).toContain('&#60;/script&#62;');
    expect(jsonLdOf(tags)).toMatchObject({ headline: hostile.headline });
  });
});

test('jsonForScript escapes "<"', () => {
  expect(jsonForScript({ a: '</script>' })).toBe('{"a":"\\u003c/script>"}');
});
