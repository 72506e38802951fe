/**
 * An injected error's text (the `Prefer` answers the host makes up) is placed by the dialect
 * that answers, in its own error shape: the host hands the message over in the HostFailure and
 * never guesses which key of a body is the text.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../dialects/index.ts';
import { ouApiDialect } from '../../../dialects/ou-api/index.ts';
import type { DialectId, DialectRequest } from '../../../dialects/types.ts';
import { IDS, tinyApp, tokensFor } from './helpers.ts';
import { tinyDialect } from './tiny-dialect/index.ts';

const req = { requestId: 'req-1', query: {} } as unknown as DialectRequest;

/** Where each dialect's error shape carries its text. */
const TEXT_KEY: Readonly<Record<DialectId, string>> = {
  'ou-api': 'detail',
  'orgunit-v2': 'message',
  admanager: 'detail',
  idaas: 'message',
};

describe('an injected failure carries its message into the dialect\'s error shape', () => {
  it.each(DIALECTS.map((d) => [d.id, d] as const))('%s puts it in its text field and changes nothing else', (id, dialect) => {
    for (const status of [400, 404, 418, 500, 503]) {
      const bare = dialect.mock.renderError({ kind: 'injected', status }, req).body as Record<string, unknown>;
      const told = dialect.mock.renderError({ kind: 'injected', status, message: 'Example "x" is not documented' }, req);
      expect(told.status).toBe(status);
      expect(told.body, `${id} ${status}`).toEqual({ ...bare, [TEXT_KEY[id]]: 'Example "x" is not documented' });
      expect(Object.keys(told.body as object), `${id} ${status}: the keys keep their order`).toEqual(Object.keys(bare));
    }
  });

  it('over HTTP, the Prefer refusal reaches a dialect that shows a failure\'s message only when the failure carries one', async () => {
    const a = tinyApp({ dialects: [ouApiDialect, tinyDialect] });
    const t = await tokensFor(a);
    const res = await request(a.handle).get(`/tiny/acme/units/${IDS.sales}`).set('Authorization', `Bearer ${t.ro}`).set('Prefer', 'example=nope');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'injected', message: expect.stringMatching(/^Example "nope" is not documented for getUnit; valid examples: /) });
    const fault = await request(a.handle).get(`/tiny/acme/units/${IDS.sales}`).set('Authorization', `Bearer ${t.ro}`).set('Prefer', 'code=418');
    expect(fault.body).toEqual({ error: 'injected', message: "I'm a Teapot" });
  });
});
