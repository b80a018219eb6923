// The API reference, GET /api/openapi.json: an OpenAPI 3.1 document made by zod-openapi from
// the routes' own entries (handler-docs.ts, and each route module's `docs`) and the Zod schemas
// they name, which are the same ones the routes check bodies with. What every route of a kind
// answers is added here once. Made on the first ask and kept: it is the same for every world,
// and no request costs more as the server holds more.
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathItemObject,
  type ZodOpenApiResponseObject,
} from 'zod-openapi';
import { FAULT_HEADER, NEVER_FAULTED_PREFIX } from './faults.ts';
import {
  HANDLER_PATHS,
  REFERENCE_PATHS,
  SANDBOX_PATHS,
  badSandbox,
  unknownSandbox,
  type DocumentedPath,
  type Served,
} from './handler-docs.ts';
import { MAX_BODY_BYTES } from './request-body.ts';
import type { RouteTable } from './routes.ts';
import { SANDBOX_COOKIE, SANDBOX_HEADER } from './sandbox-choice.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import {
  TAGS,
  apiError,
  refusalBody,
  refused,
  retryAfter,
  type Answer,
  type OperationDoc,
  type Status,
} from './api-docs.ts';

const DESCRIPTION = `Lede's mock backend: sessions, a paywall, sign-in by link, code, second factor and Example ID
(a mock OAuth 2.0 provider), and the testers' hooks. Every answer is JSON with \`Cache-Control: no-store\`
(bar Example ID's pages, its stylesheet and the sign-in redirects), and its \`Date\` is the caller's world's
clock, which a test hook may have moved.

**Worlds.** Each request is served in a world: the default one, or a sandbox (POST /api/sandboxes) named by
the \`${SANDBOX_HEADER}\` header or the \`${SANDBOX_COOKIE}\` cookie. A malformed choice is answered 400
\`bad-sandbox\`, an unknown sandbox 404 \`unknown-sandbox\`: never the default world instead.

**What every path answers.** A method a path does not list: 405 with \`Allow\`. A path not listed here: 404.
A write (POST, PUT, DELETE) whose \`Origin\` is another site's: 403. The store away: 503 \`store-unavailable\`
with \`Retry-After\`. A session cookie that names no live session is cleared by the answer's \`Set-Cookie\`.

**Faults.** A \`${FAULT_HEADER}\` header, or the world's rules (PUT /api/test/faults), makes a request fail
or wait on purpose: a faulted answer is what the fault says, outside this document.`;

/** The answers a route shares with every route served where it is. */
const BAD_SANDBOX = refused(
  `The \`${SANDBOX_HEADER}\` header or \`${SANDBOX_COOKIE}\` cookie names no sandbox.`,
  badSandbox,
);
const UNKNOWN_SANDBOX = refused(
  'The sandbox it names never existed, was deleted, or went unused for an hour.',
  unknownSandbox,
);
const STORE_AWAY = refused(
  'The store did not answer: nothing was checked, nothing served.',
  refusalBody(['store-unavailable']).meta({ id: 'StoreUnavailable' }),
  { 'Retry-After': retryAfter },
);
const CROSS_ORIGIN = refused('Sent from another site’s page (`Origin`): refused.');
const HOOKS_OFF = refused('In the default world of a server started without LEDE_TEST_HOOKS=1: served as if absent.');
const BODY_REFUSALS: Partial<Record<Status, Answer>> = {
  400: refused('The body could not be read, is not UTF-8, or is not JSON.'),
  413: refused(`The body is larger than ${MAX_BODY_BYTES} bytes.`),
  415: refused('A body without `Content-Type: application/json`.'),
};

const HOOK_NOTE =
  'A test hook: always served in a sandbox; in the default world only when the server starts with LEDE_TEST_HOOKS=1.';

const sandboxHeader = z
  .string()
  .optional()
  .meta({
    param: {
      id: 'SandboxHeader',
      in: 'header',
      name: SANDBOX_HEADER,
      description: 'The sandbox to serve this request in (an id from POST /api/sandboxes). Wins over the cookie.',
    },
  });
const sandboxCookie = z
  .string()
  .optional()
  .meta({
    param: {
      id: 'SandboxCookie',
      in: 'cookie',
      name: SANDBOX_COOKIE,
      description: 'The sandbox a browser is in, as a test harness sets it.',
    },
  });
const faultHeader = z
  .string()
  .optional()
  .meta({
    param: {
      id: 'FaultHeader',
      in: 'header',
      name: FAULT_HEADER,
      description:
        'Fails or holds this request: `kind=<status|delay|timeout|reset|malformed>; status=<400–599>; delay=<ms>`, each part optional but one (400 when malformed). Never on /api/test/*.',
    },
  });

/** Every path the API serves, with its entry: the handler's own, then the route modules'. */
export function documentedPaths(modules: RouteTable): DocumentedPath[] {
  const fromModules = Object.entries(modules).map(([path, entry]): DocumentedPath => ({
    path,
    served: entry.hook === true ? 'hook' : 'world',
    docs: entry.docs,
  }));
  return [...HANDLER_PATHS, ...fromModules, ...SANDBOX_PATHS, ...REFERENCE_PATHS];
}

/** The OpenAPI document for these paths. */
export function createOpenApiDocument(paths: readonly DocumentedPath[]): ReturnType<typeof createDocument> {
  const items: Record<string, ZodOpenApiPathItemObject> = {};
  for (const { path, served, docs } of paths) {
    const item: ZodOpenApiPathItemObject = {};
    for (const [method, doc] of Object.entries(docs)) {
      item[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'] = operation(method, path, served, doc);
    }
    items[path] = item;
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Lede API', version: '1', description: DESCRIPTION.replace(/(?<!\n)\n(?!\n)/g, ' ') },
    // Relative: the server the document was read from, wherever that is (OpenAPI 3.1 §4.8.5).
    servers: [{ url: '/', description: 'The Lede this document was read from.' }],
    tags: Object.values(TAGS).map((name) => ({ name })),
    paths: items,
    components: {
      schemas: { Error: apiError },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'The session a login sets (HttpOnly, SameSite=Lax). A cookie naming no live session is served as nobody, and cleared.',
        },
        exampleIdToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token from POST /example-id/token.',
        },
      },
    },
  });
}

function operation(method: string, path: string, served: Served, doc: OperationDoc): ZodOpenApiOperationObject {
  const answers = new Map<Status, Answer[]>();
  const add = (status: Status, answer: Answer | Answer[] | undefined): void => {
    if (answer === undefined) return;
    answers.set(status, [...(answers.get(status) ?? []), ...(Array.isArray(answer) ? answer : [answer])]);
  };
  for (const [status, answer] of Object.entries(doc.answers)) add(Number(status) as Status, answer);
  const inWorld = served === 'world' || served === 'hook';
  const writes = method !== 'GET';
  if (inWorld) {
    add(400, BAD_SANDBOX);
    add(404, UNKNOWN_SANDBOX);
  }
  if (served === 'hook') add(404, HOOKS_OFF);
  if (served !== 'reference') {
    if (writes) add(403, CROSS_ORIGIN);
    if (writes && doc.form === undefined && doc.ignoresBody !== true && method !== 'DELETE') {
      for (const [status, answer] of Object.entries(BODY_REFUSALS)) add(Number(status) as Status, answer);
    }
    add(503, STORE_AWAY);
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const status of [...answers.keys()].sort()) responses[String(status)] = response(answers.get(status) ?? []);

  const shared = inWorld
    ? [sandboxHeader, sandboxCookie, ...(path.startsWith(NEVER_FAULTED_PREFIX) ? [] : [faultHeader])]
    : [];
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name ?? '');
  const description = [doc.description, served === 'hook' ? HOOK_NOTE : undefined].filter(Boolean).join('\n\n');
  return {
    operationId: operationId(method, path),
    summary: doc.summary,
    ...(description === '' ? {} : { description }),
    tags: [served === 'hook' ? TAGS.hooks : doc.tag],
    ...(doc.session === undefined
      ? {}
      : { security: doc.session === 'required' ? [{ sessionCookie: [] }] : [{}, { sessionCookie: [] }] }),
    ...(shared.length === 0 ? {} : { parameters: shared }),
    requestParams: {
      ...(pathParams.length === 0
        ? {}
        : { path: z.object(Object.fromEntries(pathParams.map((name) => [name, z.string()]))) }),
      ...(doc.query === undefined ? {} : { query: doc.query }),
      ...(doc.headers === undefined ? {} : { header: doc.headers }),
      ...(doc.cookies === undefined ? {} : { cookie: doc.cookies }),
    },
    ...requestBody(doc),
    responses,
  };
}

function requestBody({ body, form }: OperationDoc): Pick<ZodOpenApiOperationObject, 'requestBody'> {
  if (form !== undefined) {
    return { requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: form } } } };
  }
  if (body === undefined) return {};
  return {
    requestBody: { required: body.optional !== true, content: { 'application/json': { schema: body.schema } } },
  };
}

/** One status's answers as one response: each way it comes, its bodies by media type, its headers. */
function response(answers: Answer[]): ZodOpenApiResponseObject {
  const descriptions = [...new Set(answers.map((answer) => answer.description))];
  const bodies = new Map<string, z.ZodType[]>();
  for (const answer of answers) {
    if (answer.body === undefined) continue;
    const type = answer.type ?? 'application/json';
    const known = bodies.get(type) ?? [];
    if (!known.includes(answer.body)) bodies.set(type, [...known, answer.body]);
  }
  const headerNames = new Set(answers.flatMap((answer) => Object.keys(answer.headers ?? {})));
  const headers: Record<string, z.ZodType> = {};
  for (const name of headerNames) {
    const [schema] = answers.flatMap((answer) => answer.headers?.[name] ?? []);
    if (schema === undefined) continue;
    headers[name] = answers.every((answer) => answer.headers?.[name] !== undefined) ? schema : schema.optional();
  }
  return {
    description:
      descriptions.length === 1 ? (descriptions[0] ?? '') : descriptions.map((each) => `- ${each}`).join('\n'),
    ...(bodies.size === 0
      ? {}
      : {
          content: Object.fromEntries([...bodies].map(([type, schemas]) => [type, { schema: oneOrAny(schemas) }])),
        }),
    ...(headerNames.size === 0 ? {} : { headers: z.object(headers) }),
  };
}

function oneOrAny(schemas: z.ZodType[]): z.ZodType {
  const [first, ...rest] = schemas;
  if (first === undefined) return z.never();
  return rest.length === 0 ? first : z.union([first, ...rest]);
}

/** `POST /api/session/two-factor` → `postSessionTwoFactor`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  return [method.toLowerCase(), ...words.map((word) => `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`)].join('');
}

let made: string | undefined;

/**
 * GET /api/openapi.json's answer. The document is made once, on the first ask (a few milliseconds),
 * and kept as text: every route module's entries are constants, whichever handler asks first.
 */
export function serveOpenApi(modules: RouteTable): Response {
  made ??= JSON.stringify(createOpenApiDocument(documentedPaths(modules)));
  return new Response(made, {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}
