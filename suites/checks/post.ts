import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import type { Exchange, IssueKind } from '../exchange.ts';
import { hasJsonDetail, unreadableBody } from './expect.ts';

const MAX_REPORTED = 10;

/** Refusals for limits no rule sets (body size, header length, rate): the vendor's choice, never a contract break. */
const LIMIT_STATUSES = new Set([413, 414, 429, 431]);

/**
 * The exchanges a post-pass judges: the API's own (not the users adapter's), answered,
 * and not already the evidence of another check's failure (one cause, one failing check).
 */
function judged(ctx: CheckContext): readonly Exchange[] {
  return ctx.exchanges().filter((ex) => ex.check !== 'users' && ex.status !== 0 && !ctx.isBlamed(ex));
}

/** An answer the rules allow although the contract does not list its status. */
function allowedUndocumented(ex: Exchange): boolean {
  // OU-E6: a parser's 400 with a JSON detail for a body it cannot read passes core.
  if (ex.status === 400 && unreadableBody(ex) && hasJsonDetail(ex)) return true;
  return LIMIT_STATUSES.has(ex.status);
}

/** The rule an error answer breaks: 422s are OU-E3's, other error bodies OU-E4's, success bodies OU-E1's. */
function ruleByStatus(ex: Exchange): string {
  if (ex.status === 422) return 'OU-E3';
  return ex.status >= 400 ? 'OU-E4' : 'OU-E1';
}

/**
 * Fails once per exchange that carries an issue of `kind` (evidence for the first few),
 * under the rule `ruleOf` names for it.
 */
async function reportIssues(
  ctx: CheckContext,
  kind: IssueKind,
  expected: string,
  options: { ruleOf?: (ex: Exchange) => string; skip?: (ex: Exchange) => boolean } = {},
): Promise<void> {
  const all = judged(ctx);
  const bad = all.filter((ex) => ex.issues.some((i) => i.kind === kind) && options.skip?.(ex) !== true);
  for (const ex of bad.slice(0, MAX_REPORTED)) {
    const messages = ex.issues.filter((i) => i.kind === kind).map((i) => i.message);
    ctx.expect(false, `${expected} [${ex.check}] ${ex.operationId ?? ''} ${messages.join('; ')}`, ex, options.ruleOf?.(ex));
  }
  const rest = bad.slice(MAX_REPORTED);
  for (const rule of new Set(rest.map((ex) => options.ruleOf?.(ex)))) {
    const n = rest.filter((ex) => options.ruleOf?.(ex) === rule).length;
    ctx.expect(false, `… and ${n} more responses`, undefined, rule);
  }
  ctx.note(`${all.length} responses checked`);
}

/** Where OU-E3 says a fault can be; `header` too, for header parameters such as X-Request-ID. */
const LOCATIONS = ['body', 'query', 'path', 'header'];

/** Why a 422 body is not an HTTPValidationError naming where the fault is, or undefined. */
export function validationBodyProblem(body: unknown): string | undefined {
  const detail = isRecord(body) ? body['detail'] : undefined;
  if (!Array.isArray(detail) || detail.length === 0) return 'detail is not a non-empty list';
  for (const item of detail) {
    if (!isRecord(item) || typeof item['msg'] !== 'string' || typeof item['type'] !== 'string' || !Array.isArray(item['loc'])) {
      return `item ${JSON.stringify(item)} is not {loc, msg, type}`;
    }
    const loc = item['loc'] as unknown[];
    if (!LOCATIONS.includes(String(loc[0]))) return `loc ${JSON.stringify(loc)} does not start with ${LOCATIONS.join(' | ')}`;
    if (loc.length < 2 && loc[0] !== 'body') return `loc ${JSON.stringify(loc)} names no field`;
  }
  return undefined;
}

/** Post-pass checks over every response the client recorded; Schemathesis names where they overlap. */
export const postChecks: Check[] = [
  {
    id: 'not_a_server_error',
    title: 'no response, to any request of the run, is a 5xx',
    rules: ['OU-E4'],
    level: 'core',
    post: true,
    // A 5xx for a request over a limit is still a 5xx (OU-E4: none, however malformed).
    run: (ctx) => reportIssues(ctx, 'server-error', 'no 5xx:'),
  },
  {
    id: 'status_code_conformance',
    title: 'every status received is documented for its operation',
    rules: ['OU-E3', 'OU-E4'],
    level: 'core',
    post: true,
    // 5xx are not_a_server_error's.
    run: (ctx) => reportIssues(ctx, 'status', 'a documented status:', { ruleOf: ruleByStatus, skip: (ex) => ex.status >= 500 || allowedUndocumented(ex) }),
  },
  {
    id: 'content_type_conformance',
    title: 'responses that document a body are application/json',
    rules: ['OU-E1'],
    level: 'core',
    post: true,
    run: (ctx) => reportIssues(ctx, 'content-type', 'Content-Type application/json:'),
  },
  {
    id: 'response_schema_conformance',
    title: "every response body validates against the contract's schema for its status (422 bodies: validation_error_conformance)",
    rules: ['OU-E1', 'OU-E4'],
    level: 'core',
    post: true,
    run: (ctx) => reportIssues(ctx, 'schema', 'a body valid against the contract:', { ruleOf: ruleByStatus, skip: (ex) => ex.status === 422 }),
  },
  {
    id: 'validation_error_conformance',
    title: 'every 422 is an HTTPValidationError whose loc starts with where the fault is and names the field',
    rules: ['OU-E3'],
    level: 'core',
    post: true,
    async run(ctx: CheckContext) {
      const all = judged(ctx).filter((ex) => ex.status === 422);
      const bad = all.flatMap((ex) => {
        const problem = validationBodyProblem(ex.body);
        return problem === undefined ? [] : [{ ex, problem }];
      });
      for (const { ex, problem } of bad.slice(0, MAX_REPORTED)) ctx.expect(false, `an HTTPValidationError: [${ex.check}] ${problem}`, ex);
      if (bad.length > MAX_REPORTED) ctx.expect(false, `… and ${bad.length - MAX_REPORTED} more 422 responses`);
      ctx.note(`${all.length} responses with 422 checked`);
    },
  },
  {
    id: 'response_headers_conformance',
    title: 'documented response headers are present and valid (WWW-Authenticate: Bearer on 401)',
    rules: ['OU-A1'],
    level: 'core',
    post: true,
    run: (ctx) => reportIssues(ctx, 'headers', 'documented headers:'),
  },
];
