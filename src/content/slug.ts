// How a headline becomes the URL segment of its article.

/**
 * Lowercase ASCII letters and digits; every other run of characters becomes one `-`;
 * no `-` at either end. "Report: Israel Leaving U.S. ‘Largely…’" → "report-israel-leaving-u-s-largely".
 */
export function toSlug(headline: string): string {
  return headline
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
