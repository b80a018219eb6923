// The API reference as a contract a test holds answers to: an answer is matched to its operation
// by method and path template, to its response by status (a status the document does not list
// there is a failure), and its body to the schema of its media type, its required headers to
// theirs, with Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect). A method or path the document
// does not list must be refused as the document's description says every path is (405 with the
// path's documented methods in Allow, 404, 403, 400 for a malformed sandbox, 503).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface Document {
  paths: Record<string, Record<string, OperationObject>>;
}
interface OperationObject {
  responses: Record<string, ResponseObject>;
}
interface ResponseObject {
  content?: Record<string, unknown>;
  headers?: Record<string, { required?: boolean }>;
}

/** An answer as the test saw it: its body read once (`json` when it parsed). */
export interface SeenAnswer {
  method: string;
  pathname: string;
  response: Response;
  text: string;
  json: unknown;
}

export interface Contract {
  /** Why the answer breaks the document, or undefined when it keeps it (counted by operation). */
  check(seen: SeenAnswer): string | undefined;
  /** Answers validated, by operation (`GET /api/session`); answers to unlisted methods or paths under `unlisted`. */
  counts: Map<string, number>;
  /** Every documented operation, `METHOD /template`. */
  operations: string[];
}

const UNLISTED_STATUSES = new Set([400, 403, 404, 405, 503]);
const BASE = 'lede-openapi';

/** `made`: the document as createOpenApiDocument returns it. */
export function createContract(made: object): Contract {
  const document = made as Document;
  const ajv = new Ajv2020({ strict: false, inlineRefs: false });
  addFormats(ajv);
  ajv.addSchema(document, BASE);
  // One validator per distinct schema (most answers share theirs): compiling is what costs.
  const bySchema = new Map<string, ValidateFunction>();
  const byPointer = new Map<string, ValidateFunction>();
  const validator = (pointer: string[]): ValidateFunction => {
    const ref = pointer.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    const known = byPointer.get(ref);
    if (known !== undefined) return known;
    const schema = JSON.stringify(
      pointer.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], document),
    );
    const found = bySchema.get(schema) ?? ajv.compile({ $ref: `${BASE}#/${ref}` });
    bySchema.set(schema, found);
    byPointer.set(ref, found);
    return found;
  };
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+').replace(/[.]/g, '\\.')}$`),
  }));
  const operations = Object.entries(document.paths).flatMap(([template, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${template}`),
  );
  const counts = new Map<string, number>();

  function templateOf(pathname: string): string | undefined {
    // A path of its own wins over a template it also matches (/api/sandboxes/leave over /api/sandboxes/{id}).
    if (pathname in document.paths) return pathname;
    return templates.find(({ pattern }) => pattern.test(pathname))?.template;
  }

  function check({ method, pathname, response, text, json }: SeenAnswer): string | undefined {
    const template = templateOf(pathname);
    const item = template === undefined ? undefined : document.paths[template];
    const operation = item?.[method.toLowerCase()];
    const where = `${method} ${template ?? pathname} → ${response.status}`;
    if (template === undefined || item === undefined || operation === undefined) {
      counts.set('unlisted', (counts.get('unlisted') ?? 0) + 1);
      if (!UNLISTED_STATUSES.has(response.status)) return `${where}: not how an unlisted method or path is answered`;
      if (response.status === 405) {
        const allowed = (response.headers.get('Allow') ?? '').split(', ').sort().join(', ');
        const documented = Object.keys(item ?? {})
          .map((name) => name.toUpperCase())
          .sort()
          .join(', ');
        if (allowed !== documented) return `${where}: Allow "${allowed}", but the document lists "${documented}"`;
      }
      return bodyProblem(['components', 'schemas', 'Error'], json, where);
    }
    const key = `${method.toUpperCase()} ${template}`;
    const status = String(response.status);
    const answer = operation.responses[status];
    if (answer === undefined) return `${where}: a status the document does not list for ${key}`;
    const pointer = ['paths', template, method.toLowerCase(), 'responses', status];
    const media = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (answer.content === undefined) {
      if (text !== '') return `${where}: a body where the document lists none`;
    } else {
      if (!(media in answer.content)) return `${where}: a ${media || 'typeless'} body, not one the document lists`;
      const problem = bodyProblem(
        [...pointer, 'content', media, 'schema'],
        media === 'application/json' ? json : text,
        where,
      );
      if (problem !== undefined) return problem;
    }
    for (const [name, header] of Object.entries(answer.headers ?? {})) {
      if (header.required !== true) continue;
      const values =
        name.toLowerCase() === 'set-cookie' ? response.headers.getSetCookie() : [response.headers.get(name)];
      const valid = validator([...pointer, 'headers', name, 'schema']);
      if (!values.some((value) => value !== null && valid(value))) {
        return `${where}: no ${name} header as the document says (${values.join(' | ').slice(0, 120)})`;
      }
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return undefined;
  }

  function bodyProblem(pointer: string[], body: unknown, where: string): string | undefined {
    const valid = validator(pointer);
    if (valid(body)) return undefined;
    const [first] = valid.errors ?? [];
    return `${where}: the body breaks ${pointer.join(' ')}: ${first?.instancePath ?? ''} ${first?.message ?? ''} ${JSON.stringify(first?.params ?? {})} in ${JSON.stringify(body).slice(0, 300)}`;
  }

  return { check, counts, operations };
}
