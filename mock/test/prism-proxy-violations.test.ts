import { describe, expect, it } from 'vitest';
import { formatSummary, parseViolationHeader, summarise } from '../proxy-violations.ts';

const exchange = { time: '2026-01-15T09:30:00.000Z', method: 'GET', path: '/api/v1/tenants/acme/ous?page=2', status: 200 };

const typeError = { location: ['response', 'body', 'data', '0', 'user_count'], severity: 'Error', code: 'type', message: 'Response body property data.0.user_count must be integer' };
const queryError = { location: ['request', 'query', 'per_page'], severity: 'Error', code: 'minimum', message: 'Request query parameter per_page must be >= 1' };
const routeWarning = { location: ['request'], severity: 'Warning', message: 'Selected route not found' };

describe("Prism's sl-violations header", () => {
  it('becomes one record per violation, kind taken from the location, code kept', () => {
    const records = parseViolationHeader(JSON.stringify([typeError, queryError, routeWarning]), exchange);
    expect(records).toEqual([
      { ...exchange, kind: 'response', location: typeError.location, message: typeError.message, severity: 'Error', code: 'type' },
      { ...exchange, kind: 'request', location: queryError.location, message: queryError.message, severity: 'Error', code: 'minimum' },
      { ...exchange, kind: 'request', location: ['request'], message: 'Selected route not found', severity: 'Warning' },
    ]);
  });

  it('keeps the complete entries of a header Prism truncated, and says it was truncated', () => {
    const full = JSON.stringify([typeError, queryError, typeError]);
    const cut = `Too many violations! ${full.slice(0, full.length - 30)}`;
    const records = parseViolationHeader(cut, exchange);
    expect(records.map((r) => r.kind)).toEqual(['response', 'request', 'proxy']);
    expect(records[2]?.message).toMatch(/truncated/);
  });

  it('reports an unreadable header instead of dropping it', () => {
    const records = parseViolationHeader('not json at all', exchange);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'proxy', severity: 'Warning' });
    expect(records[0]?.message).toContain('not json at all');
  });

  it('reads braces inside messages as text, not structure', () => {
    const tricky = { ...typeError, message: 'must match "^{[}]"' };
    const cut = `Too many violations! ${JSON.stringify([tricky, queryError]).slice(0, -5)}`;
    expect(parseViolationHeader(cut, exchange).map((r) => r.message)).toEqual([tricky.message, expect.stringMatching(/truncated/)]);
  });
});

describe('summary of a proxy run', () => {
  it('counts per kind and severity, folding array indexes so one fault on many items is one line', () => {
    const page1 = parseViolationHeader(JSON.stringify([typeError, { ...typeError, location: ['response', 'body', 'data', '1', 'user_count'] }]), exchange);
    const page2 = parseViolationHeader(JSON.stringify([queryError]), { ...exchange, status: 422 });
    const s = summarise([...page1, ...page2], '/tmp/r.jsonl', 5);
    expect(s.total).toBe(3);
    expect(s.exchanges).toBe(5);
    expect(s.byKind).toEqual({ request: { Error: 1 }, response: { Error: 2 }, proxy: {} });
    expect(s.top[0]).toMatchObject({ kind: 'response', where: 'response.body.data.*.user_count', count: 2 });
    const text = formatSummary(s);
    expect(text).toContain('3 violation(s) in 5 exchange(s) (request: 1 error; response: 2 errors)');
    expect(text).toContain('report: /tmp/r.jsonl');
  });

  it('says a clean run is clean', () => {
    expect(formatSummary(summarise([], 'r.jsonl', 12)).split('\n')[0]).toBe('0 violation(s) in 12 exchange(s)');
  });
});
