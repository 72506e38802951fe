import type { Auth } from '../tokens.ts';
import { literalAuth, NO_AUTH } from '../tokens.ts';
import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

/** Requests without a valid credential are refused as unauthorized, and change nothing. */
export const authCheck: SharedCheckSpec = {
  kind: 'auth',
  id: 'shared.auth',
  title: 'no token, a garbage token and an expired token are refused as unauthorized',
  async run(ctx: CheckContext) {
    const box = await ctx.sandbox();
    const auths: Auth[] = [NO_AUTH, literalAuth('Bearer not-a-token', 'a garbage token'), literalAuth('not-a-token', 'a garbage bare token')];
    if (ctx.creds.expired !== undefined) auths.push(ctx.creds.expired);
    else ctx.note('no expired token given (--expired-token): not tried');
    for (const auth of auths) {
      const driver = ctx.driver.as(auth);
      const get = await driver.get(box.id);
      ctx.expect(driver.isError(get.ex, 'unauthorized'), `reading a unit with ${auth.label} answers unauthorized`, get.ex);
      const create = await driver.create({ name: 'intruder', parentId: box.id });
      ctx.expect(driver.isError(create.ex, 'unauthorized'), `creating a unit with ${auth.label} answers unauthorized`, create.ex);
      const update = await driver.update(box.id, { name: 'intruder' });
      ctx.expect(driver.isError(update.ex, 'unauthorized'), `renaming a unit with ${auth.label} answers unauthorized`, update.ex);
    }
    const after = await ctx.driver.get(box.id);
    ctx.expect(after.value?.name === box.name, 'the unit is unchanged after the refused requests', after.ex);
    const children = await ctx.driver.children(box.id);
    ctx.expect(children.value !== undefined && children.value.length === 0, 'no unit was created by the refused requests', children.ex);
  },
};
