// The rules a new account's details meet, stated once for the page (which says them up front) and
// the server (which enforces them).

export const MIN_NEW_PASSWORD_LENGTH = 8;
export const MAX_NEW_PASSWORD_LENGTH = 1024;
export const MAX_NEW_EMAIL_LENGTH = 254;

/** Something, an @, something with a dot: the shape of an address, no more (the inbox decides the rest). */
export function looksLikeEmail(text: string): boolean {
  return text.length <= MAX_NEW_EMAIL_LENGTH && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** What is wrong with a new password, in Lede's words, or undefined when it meets the rule. */
export function newPasswordProblem(password: string): string | undefined {
  if (password.length < MIN_NEW_PASSWORD_LENGTH) return `Use at least ${MIN_NEW_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_NEW_PASSWORD_LENGTH) return `Use at most ${MAX_NEW_PASSWORD_LENGTH} characters.`;
  return undefined;
}
