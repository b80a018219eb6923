// The API's answers, shaped alike everywhere: JSON, never cached, with times in ISO 8601. Shared by
// the route table (handler.ts) and the route modules beside it.

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export function methodNotAllowed(allow: string): Response {
  return json(405, { error: `Method not allowed. Allowed: ${allow}.` }, { Allow: allow });
}

export function notFound(method: string, pathname: string): Response {
  return json(404, { error: `No such endpoint: ${echo(method)} ${echo(pathname)}` });
}

/** A client's text quoted back in an error, cut short: a 100 KB path need not come back whole. */
export function echo(text: string): string {
  const LIMIT = 200;
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}

export function iso(time: number): string {
  return new Date(time).toISOString();
}

export function httpDate(time: number): string {
  return new Date(time).toUTCString();
}
