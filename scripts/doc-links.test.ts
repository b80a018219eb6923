// Every link between Lede's own documents leads somewhere: to a file that exists and, when it names
// a heading (`#…`), to a heading that file has, by GitHub's rule for heading anchors. The guides
// are reordered and renamed as Lede grows; a link that silently stops landing is a lie in the docs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function markdownFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  return ['README.md', 'SECURITY.md', 'packages/playwright/README.md', 'examples/playwright/README.md', ...docs].filter(
    (file) => existsSync(path.join(ROOT, file)),
  );
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsIn(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = anchorOf(heading ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Links to our own files: `[text](target)`, not web addresses, outside code. */
function linksIn(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links between Lede’s documents', () => {
  test('GitHub’s anchors', () => {
    expect(anchorOf('Sign in with Example ID (OAuth 2.0)')).toBe('sign-in-with-example-id-oauth-20');
    expect(anchorOf('Simulate failures with `page.route`')).toBe('simulate-failures-with-pageroute');
    expect(anchorOf("The page's state")).toBe('the-pages-state');
  });

  test.each(markdownFiles())('%s: every link to a file of ours, and to a heading in it, lands', (file) => {
    const markdown = readFileSync(path.join(ROOT, file), 'utf8');
    const broken = linksIn(markdown).filter((link) => {
      const [target = '', anchor] = link.split('#');
      const resolved =
        target === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), target);
      if (!existsSync(resolved)) return true;
      if (anchor === undefined || !resolved.endsWith('.md')) return false;
      return !anchorsIn(readFileSync(resolved, 'utf8')).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
