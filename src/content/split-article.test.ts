import { loadRealSeed } from '../seed-files/real-seed.ts';
import { describe, expect, test } from 'vitest';
import type { Article } from './article.ts';
import { getGatedParagraphs, readingMinutes, toPublicArticle } from './split-article.ts';

const article = loadRealSeed();

function withFreeParagraphs(freeParagraphs: number): Article {
  return { ...article, meta: { freeParagraphs, access: 'subscriber' } };
}

describe('the access level', () => {
  test.each(['free', 'registered', 'metered', 'subscriber'] as const)('a %s article says so in public', (access) => {
    expect(toPublicArticle({ ...article, meta: { ...article.meta, access } }).access).toBe(access);
  });
});

describe('the real seed, two free paragraphs', () => {
  const publicArticle = toPublicArticle(article);
  const gated = getGatedParagraphs(article);

  test('gives away the lead and the first two body paragraphs', () => {
    expect(publicArticle.lead).toBe(article.lead);
    expect(publicArticle.freeBody).toEqual(article.body.slice(0, 2));
    expect(publicArticle.gatedCount).toBe(8);
  });

  test('gates the other eight, starting at "Officials are also concerned"', () => {
    expect(gated).toEqual(article.body.slice(2));
    expect(gated).toHaveLength(8);
    expect(gated[0]).toMatch(/^Officials are also concerned/);
  });

  test('free and gated paragraphs together are the whole body, in order', () => {
    expect([...publicArticle.freeBody, ...gated]).toEqual(article.body);
  });

  test('the public article, serialised, contains none of the gated paragraphs', () => {
    const serialised = JSON.stringify(publicArticle);
    for (const paragraph of gated) {
      expect(serialised).not.toContain(paragraph);
      expect(serialised).not.toContain(JSON.stringify(paragraph).slice(1, -1));
    }
    expect(serialised).not.toContain('Officials are also concerned');
  });

  test('carries the headline, figure, gate wording and metadata, and nothing else', () => {
    expect(publicArticle).toEqual({
      slug: article.slug,
      headline: article.headline,
      dateline: 'YERUSHALAYIM',
      figure: article.figure,
      lead: article.lead,
      freeBody: article.body.slice(0, 2),
      gatedCount: 8,
      readingMinutes: readingMinutes([article.headline, article.lead, ...article.body]),
      gate: article.gate,
      access: 'subscriber',
      published: '2022-06-22',
      source: article.meta.source,
    });
  });
});

describe('reading time', () => {
  test('counts the words of the whole story at 230 a minute, gated part included', () => {
    expect(readingMinutes(['one two three'])).toBe(1);
    expect(readingMinutes([Array.from({ length: 460 }, () => 'word').join(' ')])).toBe(2);
    expect(readingMinutes(['  spaced\n\tout  words ', 'and — dashes'])).toBe(1);
    expect(readingMinutes([])).toBe(1);
    const words = [article.headline, article.lead, ...article.body].join(' ').split(/\s+/).length;
    expect(toPublicArticle(article).readingMinutes).toBe(Math.round(words / 230));
    expect(toPublicArticle(article).readingMinutes).toBeGreaterThan(1);
  });
});

describe('other freeParagraphs values', () => {
  test('0 gates the whole body but still gives away the lead', () => {
    const limited = withFreeParagraphs(0);
    expect(toPublicArticle(limited)).toMatchObject({ lead: article.lead, freeBody: [], gatedCount: 10 });
    expect(getGatedParagraphs(limited)).toEqual(article.body);
  });

  test.each([10, 11, 99])('%i (the body length or more) gates nothing', (freeParagraphs) => {
    const open = withFreeParagraphs(freeParagraphs);
    expect(toPublicArticle(open)).toMatchObject({ freeBody: article.body, gatedCount: 0 });
    expect(getGatedParagraphs(open)).toEqual([]);
  });

  test('without published or source, the public article leaves those keys out', () => {
    const publicArticle = toPublicArticle(withFreeParagraphs(2));
    expect('published' in publicArticle).toBe(false);
    expect('source' in publicArticle).toBe(false);
  });
});
