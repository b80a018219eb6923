// Types of bench-static.mjs, for the tests that import it.
export declare const STATIC_PATH: string;
export declare const BARE_PATH: string;

export declare function staticPageHtml(
  article: { headline: string; dateline: string; lead: string; freeBody: readonly string[] },
  css: string,
): string;

export declare function serveStaticReference(options: {
  html: string;
  chooseEncoding: (header: string | undefined, available: ReadonlySet<'br' | 'gzip' | 'identity'>) => string;
  host: string;
  securityHeaders: Readonly<Record<string, string>>;
}): Promise<{
  folder: string;
  url: string;
  bareUrl: string;
  bytes: { br: number; gzip: number };
  close(): Promise<void>;
}>;
