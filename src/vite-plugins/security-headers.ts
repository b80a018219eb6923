// The security headers scripts/prerender.mjs writes at build time, as both servers of the build
// (the production server, `npm run preview`) read them.
import { readFileSync } from 'node:fs';

/**
 * Next to the production server's bundle, outside the served dist/: configuration, not content,
 * so no spelling of a URL can reach it. Relative to the project root.
 */
export { SECURITY_HEADERS_FILE } from '../config/paths.ts';

export function readSecurityHeaders(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: build with \`npm run build\` (it prerenders and writes it) first.`);
  }
  const value: unknown = JSON.parse(text);
  const headers = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  if (headers.length === 0 || !headers.every((entry): entry is [string, string] => typeof entry[1] === 'string')) {
    throw new Error(`${file} should map header names to strings.`);
  }
  return Object.fromEntries(headers);
}
