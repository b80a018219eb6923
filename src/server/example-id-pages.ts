// Example ID's pages: plain server-rendered HTML, forms that post, no script, one small stylesheet
// of its own (the production CSP allows no inline style). Plainly another site than Lede.
import { EXAMPLE_ID_PATHS } from '../config/account-paths.ts';

/** The provider's own accounts, offered on its consent page. */
export interface ProviderAccount {
  email: string;
  name: string;
  emailVerified: boolean;
  /** What choosing it does, as the consent page says it. */
  behaviour: string;
  /** Refuses every application, whatever the reader clicks. */
  denies?: true;
}

/** What an authorization request carried, put back into the consent form as hidden fields. */
export type AuthorizationFields = Readonly<Record<string, string>>;

export interface ConsentPageOptions {
  clientName: string;
  fields: AuthorizationFields;
  accounts: readonly ProviderAccount[];
  /** What the reader chose and typed, kept when the page comes back with an error. */
  chosen?: string;
  typed?: string;
  error?: string;
}

export const STYLESHEET = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#eef3f8;color:#14213d}
header{background:#14213d;color:#fff;padding:.75rem 1.5rem}header p{margin:0}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.5rem;border:1px solid #c5d3e3}
h1{font-size:1.5rem;margin-top:0}fieldset{border:1px solid #c5d3e3;border-radius:.25rem;margin:0 0 1rem}
.choice{margin:.5rem 0}.typed{margin:.5rem 0 0 1.75rem}.typed input{display:block;width:90%;padding:.4rem;margin-top:.25rem}
.hint{color:#3d4f6b;font-size:.9rem}.error{color:#a4161a;font-weight:600}
button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem;border-radius:.25rem;border:1px solid #14213d;background:#fff;color:#14213d;cursor:pointer}
button.allow{background:#14213d;color:#fff}button:focus-visible,input:focus-visible{outline:3px solid #f4a261;outline-offset:2px}
`;

export function stylesheet(): Response {
  return new Response(STYLESHEET, {
    status: 200,
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The consent page: choose one of Example ID's accounts (or type an address), then Allow or Deny. */
export function consentPage(
  { clientName, fields, accounts, chosen, typed = '', error }: ConsentPageOptions,
  status = 200,
) {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n      ');
  const choices = accounts
    .map(
      (account, index) => `<div class="choice">
          <input type="radio" name="account" id="account-${index}" value="${escape(account.email)}" aria-describedby="account-${index}-hint"${chosen === account.email ? ' checked' : ''}>
          <label for="account-${index}">${escape(account.email)}</label>
          <span class="hint" id="account-${index}-hint">${escape(account.name)}: ${escape(account.behaviour)}</span>
        </div>`,
    )
    .join('\n        ');
  const typedInvalid = error === undefined ? '' : ' aria-invalid="true" aria-describedby="consent-error"';
  return page(
    status,
    `Sign in to ${clientName} — Example ID`,
    `<h1>Sign in to ${escape(clientName)} with Example ID</h1>
    <p>${escape(clientName)} asks to see your name and email address, and whether Example ID has verified that address.</p>
    ${error === undefined ? '' : `<p class="error" role="alert" id="consent-error">${escape(error)}</p>`}
    <form method="post" action="${EXAMPLE_ID_PATHS.authorize}">
      ${hidden}
      <fieldset>
        <legend>Choose an Example ID account</legend>
        ${choices}
        <div class="choice">
          <input type="radio" name="account" id="account-other" value="other"${chosen === 'other' ? ' checked' : ''}>
          <label for="account-other">Another address</label>
          <div class="typed">
            <label for="other-address">Email address (Example ID treats it as verified)</label>
            <input type="email" id="other-address" name="other" autocomplete="email" spellcheck="false" value="${escape(typed)}"${typedInvalid}>
          </div>
        </div>
      </fieldset>
      <p>
        <button type="submit" class="allow" name="decision" value="allow">Allow</button>
        <button type="submit" name="decision" value="deny">Deny</button>
      </p>
    </form>`,
  );
}

/** A request Example ID will not answer with a redirect: the application or its address is not one it knows. */
export function errorPage(message: string): Response {
  return page(
    400,
    'Example ID cannot continue',
    `<h1>Example ID cannot continue</h1>
    <p>${escape(message)}</p>
    <p>Nothing was sent back to the site that sent you here. Close this page, or go back and try again.</p>`,
  );
}

function page(status: number, title: string, main: string): Response {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escape(title)}</title>
    <link rel="stylesheet" href="${EXAMPLE_ID_PATHS.stylesheet}">
  </head>
  <body>
    <header><p><strong>Example ID</strong> — a mock identity provider</p></header>
    <main>
    ${main}
    <p class="hint">Example ID is part of Lede's test bed: none of its accounts is real.</p>
    </main>
  </body>
</html>
`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
