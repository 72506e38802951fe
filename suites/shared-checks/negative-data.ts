import fc from 'fast-check';
import { isRecord } from '../contract-model.ts';
import { fillPath } from '../contract-paths.ts';
import type { Exchange } from '../exchange.ts';
import { queryViolations, violations } from '../schema-data.ts';
import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

/** Bodies no parser reads as the JSON object an operation takes. */
const MALFORMED_BODIES: ReadonlyArray<{ body: string; contentType?: string; what: string }> = [
  { body: '{"name": ', contentType: 'application/json', what: 'truncated JSON' },
  { body: 'not json', contentType: 'application/json', what: 'text sent as JSON' },
  { body: '[]', contentType: 'application/json', what: 'a JSON array' },
  { body: 'null', contentType: 'application/json', what: 'JSON null' },
  { body: '"text"', contentType: 'application/json', what: 'a JSON string' },
  { body: '<x/>', contentType: 'application/xml', what: 'an XML body' },
];
const BAD_FIELDS = 6;
const BAD_QUERIES = 3;

/**
 * Malformed bodies, wrongly typed fields and out-of-schema query values, generated from the
 * dialect's own contract for every operation: none may answer 5xx (or nothing), and a body
 * that is no JSON object is refused (4xx).
 */
export const negativeDataCheck: SharedCheckSpec = {
  kind: 'negative_data',
  id: 'shared.negative_data',
  title: 'malformed bodies and parameters never answer 5xx, and unreadable bodies are refused',
  async run(ctx: CheckContext) {
    const box = await ctx.sandbox();
    let sent = 0;
    const noServerError = (ex: Exchange, what: string): boolean => {
      sent++;
      return ctx.expect(ex.status !== 0 && ex.status < 500, `${what}: a 4xx or success, never 5xx or no answer`, ex);
    };
    for (const op of ctx.model.operations) {
      const path = fillPath(op.pathTemplate, ctx.tenantId, box.id);
      if (op.requestBody !== undefined) {
        for (const bad of MALFORMED_BODIES) {
          const ex = await ctx.driver.send({ method: op.method, path, raw: { body: bad.body, ...(bad.contentType !== undefined ? { contentType: bad.contentType } : {}) } });
          if (noServerError(ex, `${op.operationId} with ${bad.what}`)) ctx.expect(ex.status >= 400, `${op.operationId} with ${bad.what}: refused (4xx)`, ex);
        }
        const props = isRecord(op.requestBody.schema['properties']) ? op.requestBody.schema['properties'] : {};
        const arbs = Object.entries(props).flatMap(([field, sub]) => violations(isRecord(sub) ? sub : {}).map((v) => v.map((x) => ({ field, value: x.value, reason: x.reason }))));
        if (arbs.length > 0) {
          for (const c of fc.sample(fc.oneof(...arbs), { seed: ctx.seed, numRuns: BAD_FIELDS })) {
            const ex = await ctx.driver.send({ method: op.method, path, raw: { body: JSON.stringify({ [c.field]: c.value }), contentType: 'application/json' } });
            noServerError(ex, `${op.operationId} with ${c.field}: ${c.reason}`);
          }
        }
      }
      for (const param of op.parameters.filter((p) => p.in === 'query')) {
        const arbs = queryViolations(param.schema);
        if (arbs.length === 0) continue;
        for (const v of fc.sample(fc.oneof(...arbs), { seed: ctx.seed + param.name.length, numRuns: BAD_QUERIES })) {
          const ex = await ctx.driver.send({ method: op.method, path, query: { [param.name]: String(v.value) } });
          noServerError(ex, `${op.operationId} ${param.name}=${JSON.stringify(v.value)} (${v.reason})`);
        }
      }
    }
    ctx.note(`${sent} malformed requests (seed ${ctx.seed})`);
  },
};
