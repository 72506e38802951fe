import type { Check, CheckContext } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { hasJsonDetail } from './expect.ts';


const MIB = 1024 * 1024;

/**
 * Limits no rule of the behaviour document sets (body size, URL and header length): a
 * vendor may accept such a request or refuse it (413, 414, 431, 422, …). What is judged
 * is that the refusal is graceful: an answer, and a refusal with a status the contract
 * does not document carries a JSON detail. Documented answers (404, 422, …) and any 5xx
 * are judged by the post-passes under their rules, as for every other request.
 */
export const hardeningChecks: Check[] = [
  {
    id: 'hardening.limits',
    title: 'requests over limits no rule sets (bodies over 1 MiB, long URLs and headers) are accepted or refused with a 4xx and a JSON detail',
    rules: ['HARDENING'],
    level: 'hardening',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const json = 'application/json';
      const big = 'x'.repeat(MIB + 50_000);
      const cases: Array<[string, () => Promise<Exchange>]> = [
        ['POST with a body over 1 MiB', () => ctx.api.create({}, { raw: { body: JSON.stringify({ name: 'huge', parent_id: box.id, description: big }), contentType: json } })],
        ['PATCH with a body over 1 MiB', () => ctx.api.update(box.id, {}, { raw: { body: JSON.stringify({ description: big }), contentType: json } })],
        ['list with a 3000-character search', () => ctx.api.list({ search: 's'.repeat(3000) })],
        ['GET with a 2000-character id', () => ctx.api.get('x'.repeat(2000))],
        ['tree with a 300-character X-Request-ID', () => ctx.api.tree({ headers: { 'X-Request-ID': 'r'.repeat(300) } })],
        ['GET with a 300-character X-Request-ID', () => ctx.api.get(box.id, { headers: { 'X-Request-ID': 'r'.repeat(300) } })],
      ];
      for (const [label, send] of cases) {
        const ex = await send();
        if (!ctx.expect(ex.status !== 0, `${label}: an answer`, ex)) continue;
        if (ex.status >= 400 && ex.status < 500 && ex.issues.some((i) => i.kind === 'status')) {
          ctx.expect(hasJsonDetail(ex), `${label}: a ${ex.status} refusal carries a JSON {"detail": …}`, ex);
        }
      }
    },
  },
];
