import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../contracts/index.ts';

/**
 * The exchanges Prism's proxy cannot carry, and their response validation: Prism 5.14.2 parses a JSON
 * request body before forwarding and answers 400 itself when it does not parse (and refuses a
 * GET with a body), so a client checking that the API rejects a malformed body would only ever
 * see Prism. Those requests go straight to the upstream and its answer is checked here, against
 * the same contract, with the same location/message shape as Prism's violations.
 */
export interface FallbackViolation {
  location: string[];
  message: string;
  code: string;
  severity: 'Error' | 'Warning';
}

export interface FallbackResponse {
  method: string;
  /** Path without the query string. */
  pathname: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

/** The contract is registered in Ajv under this id so `#/components/...` refs resolve in place. */
const DOC_ID = 'urn:ou-contract:proxy';

interface Route {
  regex: RegExp;
  /** Literal segments first: `/ous/tree` must win over `/ous/{ou_id}`. */
  templated: number;
  item: Record<string, unknown>;
  template: string;
}

/**
 * Builds a checker of responses against the contract. Headers are not checked: the
 * exchanges that reach it (malformed request bodies) are answered with 4xx bodies only.
 *
 * @example
 * const check = createResponseChecker(loadContract());
 * check({ method: 'POST', pathname: '/api/v1/tenants/t/ous', status: 422, contentType: 'application/json', body });
 */
export function createResponseChecker(doc: OpenApiDocument): (res: FallbackResponse) => FallbackViolation[] {
  // strict off: OpenAPI schemas carry keywords Ajv does not know (example, x-…).
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(doc, DOC_ID, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  const routes: Route[] = Object.entries(doc.paths)
    .map(([template, item]) => ({
      template,
      item,
      templated: (template.match(/\{/g) ?? []).length,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    }))
    .sort((a, b) => a.templated - b.templated);

  return (res) => {
    const route = routes.find((r) => r.regex.test(res.pathname));
    const method = res.method.toLowerCase();
    if (route === undefined || typeof route.item[method] !== 'object') return [];
    const responses = ((route.item[method] as { responses?: Record<string, unknown> }).responses ?? {}) as Record<string, unknown>;
    const key = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) {
      return [
        {
          location: ['response'],
          message: `Unable to match the returned status code with those defined in the document: ${Object.keys(responses).join(',')}`,
          code: 'status',
          severity: res.status >= 200 && res.status < 300 ? 'Error' : 'Warning',
        },
      ];
    }
    let pointer = `/paths/${escape(route.template)}/${method}/responses/${key}`;
    let response = responses[key] as { $ref?: string; content?: Record<string, unknown> };
    if (typeof response.$ref === 'string') {
      pointer = response.$ref.slice(1);
      response = resolvePointer(doc, pointer) as typeof response;
    }
    const json = response.content?.['application/json'];
    if (json === undefined) return [];
    if (!res.contentType?.startsWith('application/json')) {
      return [{ location: ['response', 'header', 'content-type'], message: `The received media type "${res.contentType ?? ''}" does not match application/json`, code: 'content-type', severity: 'Error' }];
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return [{ location: ['response', 'body'], message: 'Response body is not valid JSON', code: 'json', severity: 'Error' }];
    }
    const schemaPointer = `${pointer}/content/application~1json/schema`;
    let validate = compiled.get(schemaPointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${DOC_ID}#${schemaPointer.split('/').map(encodeURIComponent).join('/')}` });
      compiled.set(schemaPointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => ({
      location: ['response', 'body', ...e.instancePath.split('/').filter((s) => s !== '').map(unescape)],
      message: `Response body${e.instancePath === '' ? '' : ` property ${e.instancePath.slice(1).replace(/\//g, '.')}`} ${e.message ?? e.keyword}`,
      code: e.keyword,
      severity: 'Error' as const,
    }));
  };
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter((s) => s !== '')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[unescape(part)], doc);
}

const JSON_MEDIA = /^application\/(?:json|[^;\s]+\+json)\s*(?:;|$)/i;

/**
 * True for the requests Prism 5.14.2 answers itself instead of forwarding: a JSON body that
 * does not parse (Prism: 400 invalid_json) and a GET/HEAD with a body (PROXY_UNSUPPORTED_REQUEST_BODY).
 */
export function prismCannotCarry(req: Pick<IncomingMessage, 'method' | 'headers'>, body: Buffer): boolean {
  if (body.length === 0) return false;
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  if (!JSON_MEDIA.test(req.headers['content-type'] ?? '')) return false;
  try {
    JSON.parse(body.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, ko) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', ko);
  });
}

export interface DirectAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends `req` (with its already read `body`) to `upstream` as is: node:http, unlike fetch, allows a GET with a body. */
export function sendDirect(upstream: string, req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, body: Buffer): Promise<DirectAnswer> {
  const target = new URL(`${upstream}${req.url ?? '/'}`);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, host: target.host };
  return new Promise((resolve, reject) => {
    const out = send(target, { method: req.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}
