import { describe, expect, it } from 'vitest';
import { validationBodyProblem } from '../checks/post.ts';
import { contractModel } from '../contract-model.ts';
import { createLimiter } from '../limiter.ts';
import { responseIssues } from '../response-conformance.ts';

describe('validationBodyProblem (OU-E3)', () => {
  it('accepts HTTPValidationError bodies whose loc starts where the fault is', () => {
    expect(validationBodyProblem({ detail: [{ loc: ['body', 'name'], msg: 'm', type: 't' }] })).toBeUndefined();
    expect(validationBodyProblem({ detail: [{ loc: ['query', 'page'], msg: 'm', type: 't' }, { loc: ['body'], msg: 'm', type: 't' }] })).toBeUndefined();
    expect(validationBodyProblem({ detail: [{ loc: ['body', 9], msg: 'JSON decode error', type: 'json_invalid' }] })).toBeUndefined();
  });

  it('names what is wrong otherwise', () => {
    expect(validationBodyProblem({ error: 'bad' })).toMatch(/non-empty list/);
    expect(validationBodyProblem({ detail: [] })).toMatch(/non-empty list/);
    expect(validationBodyProblem({ detail: [{ loc: ['name'], msg: 'm', type: 't' }] })).toMatch(/does not start with/);
    expect(validationBodyProblem({ detail: [{ loc: ['query'], msg: 'm', type: 't' }] })).toMatch(/names no field/);
    expect(validationBodyProblem({ detail: [{ loc: ['body', 'name'], msg: 'm' }] })).toMatch(/not \{loc, msg, type\}/);
  });
});

describe('responseIssues: every response against the contract', () => {
  const model = contractModel();
  const getOu = model.operation('getOu');
  const json = { 'content-type': 'application/json' };
  const ou = { id: 'x', name: 'n', path: '/n', created_at: '2026-01-01T00:00:00Z', user_count: 0 };

  it('passes a documented, well-typed response', () => {
    expect(responseIssues(getOu, { status: 200, headers: json, text: JSON.stringify({ data: ou, meta: {} }) })).toEqual([]);
  });

  it('flags 5xx, undocumented statuses, wrong content types, schema breaks and missing headers', () => {
    const kinds = (status: number, headers: Record<string, string>, text: string): string[] => responseIssues(getOu, { status, headers, text }).map((i) => i.kind);
    expect(kinds(500, json, '{}')).toEqual(['server-error', 'status']);
    expect(kinds(418, json, '{}')).toEqual(['status']);
    expect(kinds(200, { 'content-type': 'text/html' }, JSON.stringify({ data: ou }))).toEqual(['content-type']);
    expect(kinds(200, json, JSON.stringify({ data: { ...ou, user_count: '3' } }))).toEqual(['schema']);
    expect(kinds(200, json, 'not json')).toEqual(['schema']);
    expect(kinds(401, json, '{"detail":"no"}')).toEqual(['headers']);
    expect(kinds(401, { ...json, 'www-authenticate': 'Basic' }, '{"detail":"no"}')).toEqual(['headers']);
    expect(kinds(401, { ...json, 'www-authenticate': 'Bearer error="invalid_token"' }, '{"detail":"no"}')).toEqual([]);
    expect(responseIssues(model.operation('deleteOu'), { status: 204, headers: {}, text: 'x' }).map((i) => i.kind)).toEqual(['schema']);
  });

  it('matches literal path segments before parameters', () => {
    expect(model.match('GET', '/api/v1/tenants/t/ous/tree')?.operationId).toBe('getOuTree');
    expect(model.match('GET', '/api/v1/tenants/t/ous/abc')?.operationId).toBe('getOu');
    expect(model.match('PUT', '/api/v1/tenants/t/ous')).toBeUndefined();
    expect(model.match('GET', '/elsewhere')).toBeUndefined();
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const limiter = createLimiter(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
