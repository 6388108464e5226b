import type { OpenAPIObject } from '@nestjs/swagger';
import { declaredMessageKeys, translate } from '../i18n/messages.js';

type Schema = Record<string, unknown>;

/** Extra members of a problem code (e.g. `candidates` on `CUSTOMER.DUPLICATE`): their schema, with an `example`. */
const members = new Map<string, Record<string, Schema>>();

/**
 * Declares the extra members a problem code carries beside type, title, status, code and detail, so the
 * OpenAPI document shows them (and generated clients type them) on every response that names the code.
 * Each context declares its own, next to its messages.
 */
export function defineProblemMembers(declarations: Record<string, Record<string, Schema>>): void {
  for (const [code, schema] of Object.entries(declarations)) members.set(code, { ...members.get(code), ...schema });
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

/** Codes every POST may answer because of `Idempotency-Key` (the global interceptor honours it on every POST). */
const IDEMPOTENCY_CODES: Record<number, string> = { 400: 'IDEMPOTENCY.INVALID_KEY', 409: 'IDEMPOTENCY.IN_PROGRESS', 422: 'IDEMPOTENCY.KEY_REUSED' };

const HEADERS: Record<string, { description: string; schema: Schema }> = {
  ETag: { description: 'Version of the resource [版本]; send it back as `If-Match` to update it.', schema: { type: 'string', example: '"3"' } },
  Location: { description: 'Path of the created resource.', schema: { type: 'string', example: '/api/v1/customers/0190d7a4-5a1e-7c3b-9c1f-3f7b0c1e2d4a' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: 30 } },
  'X-Request-Id': { description: 'Id of this request in the logs (the one sent, or a new one).', schema: { type: 'string' } },
};

/** A problem code as it appears in a response description: `CUSTOMER.DUPLICATE`, `PRECONDITION_FAILED`. */
const CODE = /`([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+|PRECONDITION_FAILED|CONCURRENT_MODIFICATION)`/g;

/**
 * Makes the document say what the API really answers:
 * - every problem response lists the codes it can carry (`code` enum), the extra members of those codes,
 *   and one example per code with that response's own status (a 404 never shows a 409's code);
 * - a 404 that names no code gets the resource's own not-found code when one is declared
 *   (`/opportunities/{id}/collaborators/{userId}` → `OPPORTUNITY.COLLABORATOR_NOT_FOUND`);
 * - every POST documents `Idempotency-Key` and its codes, and `Idempotent-Replayed` on success;
 * - every response, success or problem, documents `X-Request-Id`; successes `Location` (201), `ETag` (single
 *   resources and what updates them); 429 documents `Retry-After`;
 * - public operations say `security: []`.
 */
export function documentProblemsAndHeaders(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.headers = { ...components.headers, ...Object.fromEntries(Object.entries(HEADERS).map(([name, header]) => [name, header])) };
  components.parameters = {
    ...components.parameters,
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes a retry safe: the same key replays the first response (1 to 255 characters, kept 24 h).',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    },
  };
  const known = new Set(declaredMessageKeys());
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationLike][]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      // Only @Public() routes (login, health) carry no bearer requirement: say so, rather than leave it unsaid.
      operation.security ??= [];
      const post = method === 'post';
      if (post) withIdempotencyKey(operation);
      const single = /\}$/.test(path);
      const takesIfMatch = (operation.parameters ?? []).some((parameter) => 'name' in parameter && parameter.name?.toLowerCase() === 'if-match');
      for (const [statusText, response] of Object.entries(operation.responses)) {
        const status = Number(statusText);
        if (!response || '$ref' in response) continue;
        if (status >= 200 && status < 300) {
          const headers: string[] = ['X-Request-Id'];
          if (post) headers.push('Idempotent-Replayed');
          if (post && status === 201) headers.push('Location', 'ETag');
          if (status === 200 && ((method === 'get' && single) || ((method === 'patch' || method === 'put') && takesIfMatch))) headers.push('ETag');
          response.headers = { ...refs(headers), ...response.headers };
          continue;
        }
        // Problems carry the request id too: it is what a caller quotes when asking why a request failed.
        response.headers = { ...refs(status === 429 ? ['X-Request-Id', 'Retry-After'] : ['X-Request-Id']), ...response.headers };
        const content = response.content?.['application/problem+json'];
        if (!content) continue;
        const codes = new Set([...(response.description ?? '').matchAll(CODE)].map((match) => match[1]!));
        if (post && IDEMPOTENCY_CODES[status]) codes.add(IDEMPOTENCY_CODES[status]);
        // The permission guard answers 403 on any route that requires a permission.
        if (status === 403) codes.add('AUTH.FORBIDDEN');
        if (status === 404 && codes.size === 0) {
          const code = notFoundCode(path, known);
          if (code) codes.add(code);
        }
        if (codes.size === 0) continue;
        const listed = [...codes].sort();
        const extra = Object.assign({}, ...listed.map((code) => members.get(code) ?? {})) as Record<string, Schema>;
        content.schema = {
          allOf: [content.schema, { type: 'object', properties: { code: { type: 'string', enum: listed }, ...withoutExamples(extra) }, required: ['code'] }],
        };
        content.examples = Object.fromEntries(listed.map((code) => [code, { summary: code, value: example(status, code) }]));
      }
    }
  }
  return document;
}

interface ResponseLike {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }>;
}
interface OperationLike {
  security?: unknown[];
  parameters?: ({ name?: string; in?: string } | { $ref: string })[];
  responses?: Record<string, ResponseLike | { $ref: string }>;
}

function refs(names: string[]): Record<string, { $ref: string }> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

function withIdempotencyKey(operation: OperationLike): void {
  const parameters = (operation.parameters ??= []);
  const index = parameters.findIndex((parameter) => 'name' in parameter && parameter.name === 'Idempotency-Key');
  if (index >= 0) parameters.splice(index, 1);
  parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
}

function example(status: number, code: string): Record<string, unknown> {
  const extra = members.get(code) ?? {};
  return {
    type: `urn:problem:crm:${code.toLowerCase()}`,
    title: translate(`HTTP.${status}`, 'zh-CN') ?? TITLES[status] ?? 'Problem',
    status,
    code,
    detail: translate(code, 'zh-CN') ?? code,
    ...Object.fromEntries(Object.entries(extra).map(([name, schema]) => [name, schema.example])),
  };
}

function withoutExamples(extra: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.entries(extra).map(([name, { example: _example, ...schema }]) => [name, schema]));
}

/**
 * The declared not-found code of the resource a path ending in a parameter addresses: the segment before it,
 * singular and upper-case, as `<X>.NOT_FOUND` or `<CONTEXT>.<X>_NOT_FOUND`.
 */
function notFoundCode(path: string, known: Set<string>): string | undefined {
  const segments = path.split('/').filter(Boolean);
  const last = segments.length - 1;
  if (last < 1 || !segments[last]!.startsWith('{')) return undefined;
  const noun = singular(segments[last - 1]!)
    .toUpperCase()
    .replace(/-/g, '_');
  if (known.has(`${noun}.NOT_FOUND`)) return `${noun}.NOT_FOUND`;
  return [...known].filter((code) => code.endsWith(`.${noun}_NOT_FOUND`)).sort()[0];
}

function singular(noun: string): string {
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  if (noun.endsWith('ses')) return noun.slice(0, -2);
  return noun.endsWith('s') ? noun.slice(0, -1) : noun;
}
