// A request's body, read once at the edge of the API: bounded in size, UTF-8, JSON — or, for the
// mock identity provider only (it speaks OAuth 2.0, whose token endpoint takes a form), an HTML
// form. Routes get a value or a ready 4xx answer, never an exception.

/** Every body the API takes is a few short fields; 16 KB leaves ample room. */
export const MAX_BODY_BYTES = 16 * 1024;

export type RequestBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  /** application/x-www-form-urlencoded, taken only where the reader asks for `'form'`. */
  | { kind: 'form'; value: URLSearchParams }
  | { kind: 'refused'; status: 400 | 413 | 415; error: string };

export const BODY_TOO_LARGE = `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
export const NOT_JSON_TYPE = 'Send the body as JSON, with Content-Type: application/json.';
export const NOT_FORM_TYPE = 'Send the body as a form, with Content-Type: application/x-www-form-urlencoded.';

/** `application/json`, any case, optionally with parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export async function readRequestBody(request: Request, as: 'json' | 'form' = 'json'): Promise<RequestBody> {
  // A declared length is believed only when it refuses: the stream is still counted below.
  if (Number(request.headers.get('Content-Length')) > MAX_BODY_BYTES) {
    await discardBody(request);
    return tooLarge();
  }
  const bytes = request.body === null ? new Uint8Array() : await readAtMost(request.body, MAX_BODY_BYTES);
  if (bytes === 'too-large') return tooLarge();
  if (bytes === 'unreadable') return { kind: 'refused', status: 400, error: 'The request body could not be read.' };
  if (bytes.byteLength === 0) return { kind: 'empty' };
  if (!(as === 'json' ? JSON_TYPE : FORM_TYPE).test(request.headers.get('Content-Type') ?? '')) {
    return { kind: 'refused', status: 415, error: as === 'json' ? NOT_JSON_TYPE : NOT_FORM_TYPE };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'refused', status: 400, error: 'The request body is not valid UTF-8.' };
  }
  if (as === 'form') return { kind: 'form', value: new URLSearchParams(text) };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'refused', status: 400, error: `The request body is not valid JSON: ${reason}` };
  }
}

/**
 * Says the body will not be read, for the server underneath: Node's adapter then stops buffering
 * it, and the Vite plugin throws the rest away so the connection can carry the next request.
 */
export async function discardBody(request: Request): Promise<void> {
  if (request.body === null || request.body.locked) return;
  await request.body.cancel().catch(() => undefined);
}

function tooLarge(): RequestBody {
  return { kind: 'refused', status: 413, error: BODY_TOO_LARGE };
}

/** Stops reading, and lets the rest go, as soon as the body passes `limit` bytes. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | 'too-large' | 'unreadable'> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(chunk.value);
    }
  } catch {
    // The client went away mid-body, or the body was already read.
    return 'unreadable';
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
