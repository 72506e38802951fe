import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { contractOf, fromPointer } from '../contracts/model/index.ts';
import type { OpenApiDocument } from '../contracts/model/index.ts';

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

/**
 * Builds a checker of responses against the contract (any OpenAPI 3.1 document: the
 * routing, `$ref`s and schemas are the contract model's). Headers are not checked: the
 * exchanges that reach it (malformed request bodies) are answered with 4xx bodies only.
 *
 * @example
 * const check = createResponseChecker(loadDocument(CONTRACT_PATH));
 * check({ method: 'POST', pathname: '/api/v1/tenants/t/ous', status: 422, contentType: 'application/json', body });
 */
export function createResponseChecker(doc: OpenApiDocument): (res: FallbackResponse) => FallbackViolation[] {
  const contract = contractOf(doc);
  return (res) => {
    const method = res.method.toUpperCase();
    const match = contract.router.match(method, res.pathname);
    // A HEAD routed to GET has no body to check against GET's.
    if (match.kind !== 'route' || match.value.method !== method) return [];
    const responses = match.value.responses;
    const key = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => responses.has(k));
    if (key === undefined) {
      return [
        {
          location: ['response'],
          message: `Unable to match the returned status code with those defined in the document: ${[...responses.keys()].join(',')}`,
          code: 'status',
          severity: res.status >= 200 && res.status < 300 ? 'Error' : 'Warning',
        },
      ];
    }
    const json = responses.get(key)?.json;
    if (json === undefined) return [];
    if (!res.contentType?.startsWith(json.mediaType)) {
      return [{ location: ['response', 'header', 'content-type'], message: `The received media type "${res.contentType ?? ''}" does not match ${json.mediaType}`, code: 'content-type', severity: 'Error' }];
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return [{ location: ['response', 'body'], message: 'Response body is not valid JSON', code: 'json', severity: 'Error' }];
    }
    const validate = contract.schemas.at(json.schema?.pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => ({
      location: ['response', 'body', ...fromPointer(e.instancePath)],
      message: `Response body${e.instancePath === '' ? '' : ` property ${e.instancePath.slice(1).replace(/\//g, '.')}`} ${e.message ?? e.keyword}`,
      code: e.keyword,
      severity: 'Error' as const,
    }));
  };
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
