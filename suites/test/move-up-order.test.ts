/**
 * delete.move_up_clash must catch a MOVE_UP that moves the children one by one and stops at the
 * first clash (OU-E5's broken variant) whatever order that server walks the children in, and
 * whatever ids it hands out: a clash met first moves nothing, and the break is then invisible.
 * The broken server here is the mock behind a wrapper that does MOVE_UP that way, in a given order.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DomainError, type UnitView } from '../../mock/core/index.ts';
import type { MockApp } from '../../mock/app.ts';
import { clashingKid } from '../checks/delete.ts';
import { CHECKS, runSuite } from '../index.ts';
import { mockSetup, mockTarget } from './target.ts';

type Order = (a: UnitView, b: UnitView) => number;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders a server's loop may walk children in (SELECT … ORDER BY …, or insertion order). */
const ORDERS: Record<string, Order> = {
  'id ascending': (a, b) => cmp(a.id, b.id),
  'id descending': (a, b) => cmp(b.id, a.id),
  'created_at ascending': (a, b) => cmp(a.createdAt, b.createdAt),
  'created_at descending': (a, b) => cmp(b.createdAt, a.createdAt),
  'name, plain string order': (a, b) => cmp(a.name, b.name),
  'name descending': (a, b) => cmp(b.name, a.name),
};

/** MOVE_UP done child by child in `order`, answering 409 at the first clash and leaving the children moved so far. */
function nonAtomicMoveUp(app: MockApp, order: Order): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const target = /^\/api\/v1\/tenants\/([^/]+)\/ous\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'DELETE' && target !== null && url.searchParams.get('strategy') === 'MOVE_UP') {
      const units = app.directory.tenant(decodeURIComponent(target[1] as string));
      const unit = units.findUnit(decodeURIComponent(target[2] as string));
      if (unit !== undefined) {
        const kids = units.queryUnits({ where: { parentId: unit.id } }).items.sort(order);
        try {
          for (const kid of kids) units.updateUnit(kid.id, { parentId: unit.parentId });
        } catch (error) {
          if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
          res.writeHead(409, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ detail: error.message }));
          return;
        }
      }
    }
    app.handle(req, res);
  };
}

const CHECK = CHECKS.filter((c) => c.id === 'delete.move_up_clash');

/** A clock one millisecond further at every reading: created_at is creation order, never a tie. */
function steppingClock(): () => Date {
  let t = Date.UTC(2026, 0, 1);
  return () => new Date((t += 1));
}

describe('delete.move_up_clash', () => {
  it.each(Object.keys(ORDERS))('fails under OU-E5 alone on a non-atomic MOVE_UP walking the children by %s', async (name) => {
    const { app, config } = await mockSetup(undefined, {}, { clock: steppingClock() });
    const report = await runSuite({ ...config, app: nonAtomicMoveUp(app, ORDERS[name] as Order) }, {}, CHECK);
    const result = report.checks.find((c) => c.check === 'delete.move_up_clash');
    expect(result?.status, result?.message).toBe('failed');
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual(['OU-E5']);
  });

  it('passes on the atomic mock', async () => {
    const report = await runSuite(await mockTarget(), {}, CHECK);
    expect(report.checks.find((c) => c.check === 'delete.move_up_clash')?.status).toBe('passed');
  });

  it('clashes a child that is inner in creation order and in id order, for every id assignment of five children', () => {
    const hex = ['1', '2', '3', '4', '5'];
    const permutations = (xs: readonly string[]): string[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
    const all = permutations(hex);
    expect(all).toHaveLength(120);
    for (const ids of all) {
      const kids = ids.map((id) => ({ id }));
      const chosen = clashingKid(kids);
      const creation = kids.indexOf(chosen);
      const rank = [...ids].sort().indexOf(chosen.id);
      expect([creation, rank].every((i) => i > 0 && i < 4), `ids ${ids.join('')}: chose ${chosen.id}`).toBe(true);
    }
  });
});
