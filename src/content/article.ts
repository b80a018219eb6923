// What an article is once its seed has been parsed. Plain data: no React, no I/O.
import type { AccessLevel } from '../paywall/paywall-model.ts';

/** The figure the source ran with the story: we have its words, never its image. */
export interface Figure {
  caption: string;
  /** The photo credit exactly as the seed gives it, parentheses included. */
  credit: string;
}

/** The source's own paywall wording, taken from the seed's trailer. */
export interface GateWording {
  heading: string;
  question: string;
  linkText: string;
}

export interface Source {
  name: string;
  url: string;
}

export interface ArticleMeta {
  /** ISO date, `YYYY-MM-DD`. */
  published?: string;
  source?: Source;
  /** How many body paragraphs after the lead anyone may read. */
  freeParagraphs: number;
  /** Who may read the gated paragraphs, with the site's paywall model: `subscriber` unless the seed says. */
  access: AccessLevel;
}

export interface Article {
  /** The seed's path relative to the project, for messages: `seeds/000_x.txt`. */
  file: string;
  slug: string;
  headline: string;
  dateline: string;
  figure: Figure;
  lead: string;
  /** Every paragraph after the lead, free and gated alike. */
  body: string[];
  gate: GateWording;
  meta: ArticleMeta;
}

/**
 * The part of an article anyone may receive. This is all that is ever bundled into
 * the client: the gated paragraphs exist only on the server.
 */
export interface PublicArticle {
  slug: string;
  headline: string;
  dateline: string;
  figure: Figure;
  lead: string;
  freeBody: string[];
  gatedCount: number;
  /** Minutes to read the whole story, gated part included: a count, never any of its words. */
  readingMinutes: number;
  gate: GateWording;
  /** The article's access level, so the page can say what kind of article it is. */
  access: AccessLevel;
  published?: string;
  source?: Source;
}
