import { describe, expect, test } from 'vitest';
import {
  BODY_TOO_LARGE,
  MAX_BODY_BYTES,
  NOT_JSON_TYPE,
  discardBody,
  readRequestBody,
  type RequestBody,
} from './request-body.ts';

function post(
  body: BodyInit | null,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Request {
  return new Request('http://localhost/api/session', { method: 'POST', body, headers });
}

/** A request whose body arrives as a stream, as from Node's server. */
function streamed(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  // Node needs `duplex` for a streamed body; the DOM typings do not know it yet.
  const init = { method: 'POST', body, headers, duplex: 'half' };
  return new Request('http://localhost/api/session', init);
}

/** A JSON string of exactly `bytes` bytes. */
function jsonOfSize(bytes: number): string {
  return `"${'a'.repeat(bytes - 2)}"`;
}

/** A stream of `count` chunks of `size` bytes that counts how many were pulled. */
function countedStream(count: number, size: number): { stream: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === count) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, pulled: () => pulled };
}

const tooLarge: RequestBody = { kind: 'refused', status: 413, error: BODY_TOO_LARGE };
const notJson: RequestBody = { kind: 'refused', status: 415, error: NOT_JSON_TYPE };

describe('readRequestBody', () => {
  test.each<[string, Request, RequestBody]>([
    ['no body', post(null), { kind: 'empty' }],
    ['an empty body', post(''), { kind: 'empty' }],
    ['an empty body of any type', post('', { 'Content-Type': 'text/plain' }), { kind: 'empty' }],
    ['JSON', post('{"a":[1,true,null]}'), { kind: 'json', value: { a: [1, true, null] } }],
    [
      'JSON with a charset',
      post('1', { 'Content-Type': 'application/json; charset=utf-8' }),
      { kind: 'json', value: 1 },
    ],
    ['JSON in upper case', post('1', { 'Content-Type': 'APPLICATION/JSON' }), { kind: 'json', value: 1 }],
    [
      'UTF-8 text in JSON',
      post('"caf\u00e9 \u2014 \ud83d\udcf0"'),
      { kind: 'json', value: 'caf\u00e9 \u2014 \ud83d\udcf0' },
    ],
    ['exactly the limit', post(jsonOfSize(MAX_BODY_BYTES)), { kind: 'json', value: 'a'.repeat(MAX_BODY_BYTES - 2) }],
    ['one byte over the limit', post(jsonOfSize(MAX_BODY_BYTES + 1)), tooLarge],
    ['a megabyte', post(jsonOfSize(1024 * 1024)), tooLarge],
    ['too large, whatever its type', post('x'.repeat(MAX_BODY_BYTES + 1), { 'Content-Type': 'text/plain' }), tooLarge],
    ['no content type', post('{}', {}), notJson],
    ['text/plain', post('{}', { 'Content-Type': 'text/plain' }), notJson],
    ['a form', post('a=1', { 'Content-Type': 'application/x-www-form-urlencoded' }), notJson],
    ['application/jsonp', post('{}', { 'Content-Type': 'application/jsonp' }), notJson],
    ['application/json-seq', post('{}', { 'Content-Type': 'application/json-seq' }), notJson],
    [
      'bytes that are not UTF-8',
      post(new Uint8Array([0x22, 0xff, 0xfe, 0x22])),
      { kind: 'refused', status: 400, error: 'The request body is not valid UTF-8.' },
    ],
    [
      'whitespace only',
      post('  \n'),
      { kind: 'refused', status: 400, error: expect.stringMatching(/^The request body is not valid JSON: /) },
    ],
    [
      'truncated JSON',
      post('{"email": "a'),
      { kind: 'refused', status: 400, error: expect.stringMatching(/^The request body is not valid JSON: /) },
    ],
  ])('%s', async (_name, request, expected) => {
    expect(await readRequestBody(request)).toEqual(expected);
  });

  test('a declared Content-Length over the limit is refused before reading, and the body cancelled', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(1024)),
      cancel: () => {
        cancelled = true;
      },
    });
    const request = streamed(stream, {
      'Content-Type': 'application/json',
      'Content-Length': String(MAX_BODY_BYTES + 1),
    });
    expect(await readRequestBody(request)).toEqual(tooLarge);
    expect(cancelled).toBe(true);
  });

  test('discardBody cancels a body nobody will read; without a body it does nothing', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      cancel: () => {
        cancelled = true;
      },
    });
    await discardBody(streamed(stream));
    expect(cancelled).toBe(true);
    await expect(discardBody(new Request('http://localhost/api/session'))).resolves.toBeUndefined();
  });

  test('a streamed body stops being read once it passes the limit', async () => {
    const { stream, pulled } = countedStream(1000, 1024);
    expect(await readRequestBody(streamed(stream))).toEqual(tooLarge);
    expect(pulled()).toBeLessThan(MAX_BODY_BYTES / 1024 + 3);
  });

  test('a body whose stream fails (the client went away): 400', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(new Error('aborted')),
    });
    expect(await readRequestBody(streamed(stream))).toEqual({
      kind: 'refused',
      status: 400,
      error: 'The request body could not be read.',
    });
  });

  test('a body already read: 400, not a throw', async () => {
    const request = post('{}');
    await request.text();
    expect(await readRequestBody(request)).toMatchObject({ kind: 'refused', status: 400 });
  });
});
