import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

/** A unit created under a parent reads back under it, and the parent's children list it. */
export const hierarchyCheck: SharedCheckSpec = {
  kind: 'hierarchy',
  id: 'shared.hierarchy',
  title: 'a unit created under a parent reads back with that parent, and is among its children',
  async run(ctx: CheckContext) {
    const box = await ctx.sandbox();
    const created = await ctx.driver.create({ name: 'child', parentId: box.id });
    ctx.require(created.value !== undefined, 'creating a unit under the sandbox succeeds', created.ex);
    const child = created.value;
    ctx.expect(child.parentId === box.id, `the created unit names its parent ${box.id}, got ${String(child.parentId)}`, created.ex);
    const read = await ctx.driver.get(child.id);
    ctx.require(read.value !== undefined, 'reading the new unit back succeeds', read.ex);
    ctx.expect(read.value.parentId === box.id && read.value.name === 'child', `reading it back gives name "child" under ${box.id}, got "${read.value.name}" under ${String(read.value.parentId)}`, read.ex);
    const children = await ctx.driver.children(box.id);
    ctx.require(children.value !== undefined, "listing the sandbox's children succeeds", children.ex);
    ctx.expect(
      children.value.some((u) => u.id === child.id && u.parentId === box.id),
      `the sandbox's children list the new unit, got ${children.value.map((u) => u.id).join(', ') || 'none'}`,
      children.ex,
    );
  },
};
