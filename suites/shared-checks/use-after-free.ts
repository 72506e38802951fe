import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

/** A deleted unit is gone for every operation: read, change and delete answer not found. */
export const useAfterFreeCheck: SharedCheckSpec = {
  kind: 'use_after_free',
  id: 'shared.use_after_free',
  title: 'a deleted unit answers not found to get, update and delete',
  async run(ctx: CheckContext) {
    const box = await ctx.sandbox();
    const { id } = await ctx.createUnit({ name: 'doomed', parentId: box.id });
    const deleted = await ctx.driver.delete(id);
    ctx.require(deleted.value === true, 'deleting the leaf unit succeeds', deleted.ex);
    const get = await ctx.driver.get(id);
    ctx.expect(ctx.driver.isError(get.ex, 'not_found'), 'reading the deleted unit answers not found', get.ex);
    const update = await ctx.driver.update(id, { name: 'revived' });
    ctx.expect(ctx.driver.isError(update.ex, 'not_found'), 'renaming the deleted unit answers not found', update.ex);
    const again = await ctx.driver.delete(id);
    ctx.expect(ctx.driver.isError(again.ex, 'not_found'), 'deleting the deleted unit again answers not found', again.ex);
    const children = await ctx.driver.children(box.id);
    ctx.expect(children.value !== undefined && !children.value.some((u) => u.id === id), 'the deleted unit is no longer among its parent\'s children', children.ex);
  },
};
