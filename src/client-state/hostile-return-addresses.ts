// Test data: `?next=` values, as the page reads them (decoded once), that must all send the reader
// to `/`. Shared by the unit test and the e2e spec, so Node's URL parser and Chromium's both see
// every one. The app never imports this file.

export interface HostileReturnAddress {
  /** What the trick relies on. */
  trick: string;
  value: string;
}

function hostile(trick: string, values: readonly string[]): HostileReturnAddress[] {
  return values.map((value) => ({ trick, value }));
}

export const HOSTILE_RETURN_ADDRESSES: readonly HostileReturnAddress[] = [
  ...hostile('another origin', [
    'https://evil.example/',
    'HTTPS://EVIL.EXAMPLE/articles/x',
    // Even our own origin, written out: only paths are return addresses.
    'http://lede.invalid/articles/x',
    // Special schemes without slashes still take a host.
    'https:evil.example',
    'https:/evil.example',
  ]),
  ...hostile('protocol-relative or backslash', [
    '//evil.example',
    '//evil.example/articles/x',
    '\\\\evil.example',
    '/\\evil.example',
    '\\/evil.example',
    'https:\\\\evil.example',
  ]),
  // The browser drops tabs and newlines anywhere and trims other controls at the ends.
  ...hostile('control character', [
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    'ht\ttps://evil.example',
    '/articles/x\u0000',
    '\u007F//evil.example',
  ]),
  ...hostile('leading whitespace', [' //evil.example', '\f//evil.example', ' /articles/x']),
  ...hostile('percent-encoded', [
    // `?next=%252F%252Fevil.example` in the address bar: still encoded after the one decode.
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '/%5Cevil.example',
    '%5C%5Cevil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    'https%3A%2F%2Fevil.example',
  ]),
  ...hostile('double-encoded', ['/%252F%252Fevil.example', '/%255Cevil.example', '/%25252F%25252Fevil.example']),
  ...hostile('userinfo', [
    'https://lede@evil.example',
    '//lede@evil.example',
    'https://lede.invalid@evil.example',
    // `\` ends the host in http URLs: the host is evil.example, not lede.invalid.
    'https://evil.example\\@lede.invalid',
  ]),
  // Dot segments (`.`, `%2e`, and `\` read as `/`) that normalise to a path starting `//`.
  ...hostile('dot segments', [
    '/.//evil.example',
    '/x/..//evil.example',
    '/articles/../..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/x/.%2e//evil.example',
    '/.\\/evil.example',
    '/x/..\\\\evil.example',
  ]),
  ...hostile('script', [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'javascript://%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
  ]),
  // react-router resolves these against the current route, not against `/`.
  ...hostile('relative', [
    '',
    'articles/x',
    'evil.example',
    '../evil.example',
    './articles/x',
    '?next=//evil.example',
    '#//evil.example',
  ]),
  // Fullwidth solidus, fullwidth reverse solidus, division slash. Inside a path, Node's and
  // Chromium's URL parsers percent-encode them rather than read them as slashes (tested in
  // return-path.test.ts); a value that starts with one is no path at all.
  ...hostile('lookalike slashes', ['\uFF0F\uFF0Fevil.example', '\uFF3C\uFF3Cevil.example', '\u2215\u2215evil.example']),
  ...hostile('very long', [`/articles/${'x'.repeat(5000)}`]),
];
