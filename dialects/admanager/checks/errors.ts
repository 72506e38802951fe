/** AD-E1: every error is `{code, detail, title}` with the page's codes; no 5xx; a failed request changes nothing. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { AD_PATH } from '../driver.ts';
import { adDriverOf, column, fixture, guidFilter, isAdErrorBody } from './support.ts';

export const errorShapeCheck: Check = {
  id: 'ad.errors.shape',
  title: "every error is {code, detail, title} with the page's code for its status (404 00000104, 405 00000105, 415 00000103, 400 00000100/00000107); a failed update changes nothing",
  rules: ['AD-E1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['kept']);
    const kept = f.units['kept'];
    if (kept === undefined) throw new TypeError('fixture unit missing');
    const target = { domain: ad.domain, filter: guidFilter(kept.id) };
    const cases: Array<{ what: string; status: number; code: string; send: () => Promise<Exchange> }> = [
      { what: 'an unknown route', status: 404, code: '00000104', send: () => ad.send({ method: 'GET', path: `${AD_PATH}_unknown`, query: { domains: ad.domain } }) },
      { what: 'DELETE on the OU route', status: 405, code: '00000105', send: () => ad.send({ method: 'DELETE', path: AD_PATH, query: { domain: ad.domain } }) },
      { what: 'a PATCH body that is text/plain', status: 415, code: '00000103', send: () => ad.send({ method: 'PATCH', path: AD_PATH, query: target, raw: { body: 'name=x', contentType: 'text/plain' } }) },
      { what: 'an unknown column in fields', status: 400, code: '00000100', send: () => ad.list({ fields: 'NAME,NO_SUCH_COLUMN' }) },
      { what: 'an unknown sort column', status: 400, code: '00000107', send: () => ad.list({ sort: '-NO_SUCH_COLUMN' }) },
      { what: 'a filter cut short', status: 400, code: '00000107', send: () => ad.list({ filter: '(NAME eq x' }) },
      { what: 'from=0', status: 400, code: '00000107', send: () => ad.list({ from: 0 }) },
      { what: 'a PATCH body that is not JSON', status: 400, code: '00000107', send: () => ad.send({ method: 'PATCH', path: AD_PATH, query: target, raw: { body: '{"data": ', contentType: 'application/json' } }) },
      { what: 'a PATCH attribute the page does not have', status: 400, code: '00000107', send: () => ad.send({ method: 'PATCH', path: AD_PATH, query: target, json: { data: { attributes: { name: 'changed', no_such_attribute: 'x' } } } }) },
      { what: 'a PATCH body of another shape', status: 400, code: '00000107', send: () => ad.send({ method: 'PATCH', path: AD_PATH, query: target, json: { name: 'changed' } }) },
      // A valid change with one bad parameter: refused whole, whichever parameter it is.
      ...[{ from: 0 }, { limit: 1001 }, { sort: 'NO_SUCH_COLUMN' }].map((bad) => ({
        what: `a PATCH renaming with ${Object.entries(bad).map(([k, v]) => `${k}=${String(v)}`).join()}`,
        status: 400,
        code: '00000107',
        send: () => ad.send({ method: 'PATCH', path: AD_PATH, query: { ...target, ...bad }, json: { data: { attributes: { name: 'changed', description: 'changed' } } } }),
      })),
    ];
    for (const c of cases) {
      const ex = await c.send();
      const code = (ex.body as { code?: unknown } | undefined)?.code;
      ctx.expect(ex.status === c.status && code === c.code && isAdErrorBody(ex.body), `${c.what}: ${c.status} {"code": "${c.code}", "detail": …, "title": …}`, ex);
    }
    const after = await ad.list({ filter: guidFilter(kept.id), fields: 'NAME,DESCRIPTION' });
    ctx.expect(column(after).join() === 'kept' && column(after, 'DESCRIPTION').join() === '-', 'the unit the failed updates named keeps its name and has no description', after);
  },
};
