import { describe, expect, it } from 'vitest';
import { Directory } from '../../mock/core/index.ts';
import { processCpuMs } from '../process-cpu.ts';
import { markdownTable, ms } from '../report.ts';
import { buildSubtree } from '../subtree.ts';
import { percentile } from '../timed-request.ts';

describe('bench helpers', () => {
  it('percentile is nearest-rank: p50 of 1..10 is 5, p99 is the largest', () => {
    const values = [10, 3, 1, 2, 9, 8, 4, 7, 6, 5];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });

  it('markdownTable right-aligns numeric columns only', () => {
    expect(markdownTable(['name', 'n'], [['a', 1], ['b', 22]]).split('\n')).toEqual(['| name | n |', '| --- | ---: |', '| a | 1 |', '| b | 22 |']);
  });

  it('ms keeps three significant digits', () => {
    expect([ms(0.512), ms(12.34), ms(1234.5)]).toEqual(['0.51 ms', '12.3 ms', '1235 ms']);
  });

  it.runIf(process.platform === 'linux')('processCpuMs reads a live process, grows with work, and is undefined for no process', () => {
    const before = processCpuMs(process.pid) ?? Number.NaN;
    // Busy until the kernel's 10 ms tick shows it, bounded: a reader stuck at one value fails here.
    const until = performance.now() + 2_000;
    let after = before;
    while (after <= before && performance.now() < until) {
      for (let i = 0; i < 100_000; i++) Math.sqrt(i);
      after = processCpuMs(process.pid) ?? Number.NaN;
    }
    expect(after).toBeGreaterThan(before);
    expect(processCpuMs(2 ** 22 + 1)).toBeUndefined();
  });

  it('buildSubtree builds exactly `size` OUs breadth-first, with users in each, under the given parent', () => {
    const tenant = new Directory().createTenant('acme');
    const parent = tenant.createUnit({ name: 'Top' });
    const built = buildSubtree(tenant, { name: 'bench', size: 13, branching: 3, usersPerOu: 2, parentId: parent.id });
    expect(built.ous).toBe(13);
    expect(built.users).toBe(26);
    expect(tenant.counts()).toEqual({ ous: 14, users: 26 });
    // 1 + 3 + 9 = 13: the last OU built sits at depth 2 below the root.
    expect(tenant.getUnit(built.leafId).path.split('/')).toHaveLength(5);
    expect(tenant.getUnit(built.rootId)).toMatchObject({ parentId: parent.id, childCount: 3, userCount: 2 });
    expect(tenant.usersOf(built.rootId, true)).toHaveLength(26);
  });
});
