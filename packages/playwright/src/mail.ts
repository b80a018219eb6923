// Reading a message from the test inbox: its link and its code. Lede's messages list them apart
// from the text (`links`, `code`), so nothing here parses prose; these only pick, and say plainly
// what the message held when the wanted part is not there.
import type { Mail } from './api-answers.js';

/**
 * The message's first link, or its first link whose path starts with `path` (a string) or matches
 * it (a RegExp, tested against the path and query): `linkIn(mail, '/account/reset-password')`.
 */
export function linkIn(mail: Mail, path?: string | RegExp): string {
  const found = mail.links.find((link) => path === undefined || linkMatches(link, path));
  if (found !== undefined) return found;
  const wanted = path === undefined ? 'link' : `link to ${String(path)}`;
  const held = mail.links.length === 0 ? 'none' : mail.links.join(', ');
  throw new Error(`The message "${mail.subject}" to ${mail.to} has no ${wanted} (its links: ${held}).`);
}

/** The message's one-time code (a sign-in link's message carries one). */
export function codeIn(mail: Mail): string {
  if (mail.code !== undefined) return mail.code;
  throw new Error(`The message "${mail.subject}" to ${mail.to} carries no code.`);
}

function linkMatches(link: string, path: string | RegExp): boolean {
  const url = new URL(link);
  const pathAndQuery = `${url.pathname}${url.search}`;
  return typeof path === 'string' ? url.pathname.startsWith(path) : path.test(pathAndQuery);
}
