import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import type { Exchange, IssueKind } from '../exchange.ts';

const MAX_REPORTED = 10;

/** The exchanges a post-pass judges: the API's own (not the users adapter's). */
function judged(ctx: CheckContext): readonly Exchange[] {
  return ctx.exchanges().filter((ex) => ex.check !== 'users' && ex.status !== 0);
}

/** Fails once per exchange that carries an issue of `kind` (evidence for the first few). */
async function reportIssues(ctx: CheckContext, kind: IssueKind, expected: string): Promise<void> {
  const all = judged(ctx);
  const bad = all.filter((ex) => ex.issues.some((i) => i.kind === kind));
  for (const ex of bad.slice(0, MAX_REPORTED)) {
    const messages = ex.issues.filter((i) => i.kind === kind).map((i) => i.message);
    ctx.expect(false, `${expected} [${ex.check}] ${ex.operationId ?? ''} ${messages.join('; ')}`, ex);
  }
  if (bad.length > MAX_REPORTED) ctx.expect(false, `… and ${bad.length - MAX_REPORTED} more responses`);
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
    run: (ctx) => reportIssues(ctx, 'server-error', 'no 5xx:'),
  },
  {
    id: 'status_code_conformance',
    title: 'every status received is documented for its operation',
    rules: ['OU-E3', 'OU-E4'],
    level: 'core',
    post: true,
    run: (ctx) => reportIssues(ctx, 'status', 'a documented status:'),
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
    title: "every response body validates against the contract's schema for its status",
    rules: ['OU-E1', 'OU-E3', 'OU-E4'],
    level: 'core',
    post: true,
    run: (ctx) => reportIssues(ctx, 'schema', 'a body valid against the contract:'),
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
