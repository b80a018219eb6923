import { describe, expect, test } from 'vitest';
import { toSlug } from './slug.ts';

describe('toSlug', () => {
  test.each([
    [
      'Report: Israel Leaving U.S. \u2018Largely in the Dark\u2019 on Operations in Iran',
      'report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran',
    ],
    ['Hello World', 'hello-world'],
    ['\u201cQuoted,\u201d he said.', 'quoted-he-said'],
    ['...Leading and trailing punctuation!!!', 'leading-and-trailing-punctuation'],
    ['  padded with spaces  ', 'padded-with-spaces'],
    ['COVID-19: 2022 in 10 Charts', 'covid-19-2022-in-10-charts'],
    ['100%', '100'],
    ['A -- B __ C', 'a-b-c'],
    ['Caf\u00e9 au lait', 'caf-au-lait'],
    ['\u00dcber \u2014 alles', 'ber-alles'],
    ['\u05e9\u05dc\u05d5\u05dd World', 'world'],
    ['\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd', ''],
    ['\u2018\u2026\u2019', ''],
    ['', ''],
  ])('%j → %j', (headline, slug) => {
    expect(toSlug(headline)).toBe(slug);
  });

  test.each(['Report: Israel \u2018Largely\u2019', '--a--', '\u00e9\u00e9x\u00e9\u00e9', 'A1 B2 C3'])(
    'only ever makes lowercase ASCII words joined by single dashes: %j',
    (headline) => {
      expect(toSlug(headline)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    },
  );
});
