import type { IncomingMessage, RequestListener } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../index.ts';
import { mockSetup } from './target.ts';

const API = '/api/v1/';

/**
 * A correct implementation that differs where the rules let it, as a stock Python framework
 * does: its JSON parser answers every body it cannot read (malformed, not JSON at all, no
 * body) with 400 {"detail": "There was an error parsing the body"}, and it sets no body
 * size limit (the statuses its bodies over 1 MiB got go to `bigBodies`). Everything
 * else is the mock.
 */
function frameworkLike(handle: RequestListener, bigBodies: number[]): RequestListener {
  return (req, res) => {
    if (!req.url?.startsWith(API) || (req.method !== 'POST' && req.method !== 'PATCH')) return handle(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.length > 1024 * 1024) res.on('finish', () => bigBodies.push(res.statusCode));
      try {
        JSON.parse(body.toString('utf8'));
      } catch {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ detail: 'There was an error parsing the body' }));
        return;
      }
      // The body read here is handed on as the request's stream.
      const replay = Object.assign(Readable.from([body]), { headers: req.headers, headersDistinct: req.headersDistinct, rawHeaders: req.rawHeaders, method: req.method, url: req.url, socket: req.socket, httpVersion: req.httpVersion });
      handle(replay as unknown as IncomingMessage, res);
    });
  };
}

describe('a correct implementation that differs from the mock where the rules allow', () => {
  it('passes core (and hardening): a parser 400 for unreadable bodies and accepting bodies over 1 MiB are no core failures; only OU-E6 (SHOULD) fails', async () => {
    const { app: mock, config } = await mockSetup(undefined, {}, { bodyLimitBytes: 8 * 1024 * 1024 });
    const bigBodies: number[] = [];
    const report = await runSuite({ ...config, app: frameworkLike(mock.handle, bigBodies) });
    const failing = report.results.filter((r) => r.status === 'failed').map((r) => `${r.rule} ${r.check}: ${r.message}`);
    expect(report.verdict.core, failing.join('\n')).toBe('passed');
    expect(report.verdict.hardening, failing.join('\n')).toBe('passed');
    expect(report.not_checked).toEqual([]);
    // The difference shows where the rules put it: OU-E6, a SHOULD.
    expect(report.verdict.profile).toBe('failed');
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual(['OU-E6']);
    // The parser's 400s were sent and judged, not avoided.
    expect(report.checks.find((c) => c.check === 'validation.malformed_requests')?.status).toBe('passed');
    expect(report.coverage.operations.find((o) => o.operationId === 'createOu')?.undocumented).toContain('400');
    // Bodies over 1 MiB reached the API and were answered on their merits (no 413).
    expect(bigBodies.length).toBeGreaterThan(0);
    expect(bigBodies.filter((s) => s === 413)).toEqual([]);
  });
});
