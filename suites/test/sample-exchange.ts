import type { Exchange } from '../exchange.ts';

/** A recorded POST create answered 422, for evidence and curl tests; `over` replaces fields. */
export function sampleExchange(over: Partial<Exchange> = {}): Exchange {
  return {
    seq: 1,
    check: 'unit',
    operationId: 'createOu',
    method: 'POST',
    url: 'http://127.0.0.1:4010/api/v1/tenants/acme/ous',
    path: '/api/v1/tenants/acme/ous',
    requestHeaders: { 'Content-Type': 'application/json' },
    authShell: 'Bearer $OU_TOKEN',
    authLabel: 'the token',
    requestBody: '{"name":"it\'s"}',
    status: 422,
    headers: { 'content-type': 'application/json' },
    text: '{"detail":[]}',
    body: { detail: [] },
    error: undefined,
    issues: [],
    durationMs: 1,
    ...over,
  };
}
