// Types for page-builder.mjs, which scripts/prerender.mjs runs in plain Node.

/** The parts of one prerendered page. Each is HTML text, already escaped, and goes in as given. */
export interface PageParts {
  /** The built dist/index.html. */
  template: string;
  /** Its `<link rel="stylesheet" …>` tag, which the inlined stylesheet replaces. */
  stylesheetTag: string;
  /** Its `<script type="module" …>` tag for the app's entry, which goes: the boot script requests the entry. */
  entryTag: string;
  /** The stylesheet's text, for a `<style>` element. */
  css: string;
  /** The one inline script, for a `<script>` at the end of `<head>`. */
  bootScript: string;
  /** The Content-Security-Policy for the `<meta>`, escaped for an attribute. */
  policyAttribute: string;
  /** The path the page was made for, escaped for an attribute (`<html data-path>`). */
  pathAttribute: string;
  /** React's output for the page, with the `<title>`, `<meta>` and `<link>` it hoists first. */
  rendered: string;
  /** An article's own head tags, in place of the title and the site's description; else React's hoisted tags. */
  head: string | undefined;
  /** The page's data as JSON safe inside `<script>` (no `<`). */
  carried: string;
}

export function splitHoisted(html: string): { hoisted: string; body: string };

export function buildPage(parts: PageParts): string;

export function fillTemplate(template: string, places: [string | RegExp, (found: string) => string][]): string;
