/**
 * The idaas checks' verdicts do not depend on what varies between runs and servers while
 * staying within idaas.md: the resolution of the server's clock (updateTime is judged once
 * the server's own clock has moved, however coarse), how a body is serialised (a leak of this
 * instance's unit in a refusal is seen pretty-printed, in any key order, \u-escaped), and what
 * an error's requestId happens to be (an id of a unit there is no leak).
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { RunReport as Report } from '../../../suites/model.ts';
import { runSuite } from '../../../suites/runner.ts';
import { TENANT } from '../../../suites/test/target.ts';
import { replaceAnswers } from './replace-answers.ts';
import { idaasTarget } from './target.ts';

const LOOKUP = /\/organizationalUnits\/_\/actions\/getOrganizationalUnitIdByExternalId$/;
const UNIT = /\/organizationalUnits\/(?!_\/)([^/?]+)$/;

/** The unit id a request's path names, if it names one. */
function unitIdOf(req: IncomingMessage): string | undefined {
  const id = UNIT.exec((req.url ?? '').split('?')[0] ?? '')?.[1];
  return id === undefined ? undefined : decodeURIComponent(id);
}

/** A server clock that ticks every `stepMs` (whole seconds, or coarser). */
const ticking = (stepMs: number) => (): Date => new Date(Math.floor(Date.now() / stepMs) * stepMs);

function failedChecks(report: Report): string[] {
  return report.checks.filter((c) => c.status === 'failed').map((c) => c.check);
}

function notPassed(report: Report): string[] {
  return report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message}`);
}

describe('ID-U1 updateTime is judged by the server\'s clock, whatever its resolution', () => {
  // A two-second clock: a fixed pause of 1.1 s crosses its tick in 55 % of the cases, so a pause fails a correct server at random.
  const clocks = [
    ['whole seconds', 1000],
    ['two seconds', 2000],
  ] as const;

  it.each(clocks)('the correct mock with a clock of %s passes ID-U1', async (_what, stepMs) => {
    const { config } = await idaasTarget(new Set(), { rules: ['ID-U1'] }, { clock: ticking(stepMs) });
    expect(notPassed(await runSuite(config))).toEqual([]);
  });

  it.each(clocks)('updateTime kept on a description change is caught with a clock of %s', async (_what, stepMs) => {
    const { config } = await idaasTarget(new Set(['id-patch-description-keeps-update-time']), { rules: ['ID-U1'] }, { clock: ticking(stepMs) });
    expect(failedChecks(await runSuite(config))).toContain('idaas.update.partial');
  });

  it('a server that touches updateTime on a refused PATCH is caught on a millisecond clock', async () => {
    const { app, config } = await idaasTarget(new Set(), { rules: ['ID-U1'] });
    const acme = app.directory.tenant(TENANT);
    let touched = 0;
    // The refusal answers as the mock does, but the unit's updateTime moves to the time of the request.
    const touching = replaceAnswers(app.handle, (req) => {
      const id = unitIdOf(req);
      if (req.method !== 'PATCH' || id === undefined) return undefined;
      return {
        answer: (mock) => {
          if (mock.status >= 400 && acme.findUnit(id) !== undefined) {
            acme.updateUnit(id, {});
            touched++;
          }
          return { status: mock.status, text: JSON.stringify(mock.json ?? {}) };
        },
      };
    });
    const report = await runSuite({ ...config, app: touching });
    expect(touched).toBeGreaterThan(0);
    const partial = report.checks.find((c) => c.check === 'idaas.update.partial');
    expect(partial?.status).toBe('failed');
    expect(partial?.message).toMatch(/refused .* nor updateTime/);
  });
});

/** JSON with every character of every string (keys too) written as a \u escape: the same value to any JSON reader. */
function escapedJson(value: unknown): string {
  if (typeof value === 'string') return `"${[...value].map((c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('')}"`;
  if (Array.isArray(value)) return `[${value.map(escapedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.entries(value).map(([k, v]) => `${escapedJson(k)}:${escapedJson(v)}`).join(',')}}`;
  return JSON.stringify(value);
}

/** Pretty-printed, the keys of every object in reverse order. */
function prettyReversed(value: unknown): string {
  const reversed = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(reversed);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]));
  };
  return JSON.stringify(reversed(value), null, 2);
}

describe('ID-A1 a refusal that carries this instance\'s unit is a leak however it is serialised', () => {
  interface Leak {
    what: string;
    check: string;
    route: RegExp;
    method: string;
    /** The credential of the refused requests that leak, given the run's other instance token. */
    refused: (otherToken: string) => string | undefined;
    status: number;
    code: string;
    serialise: (value: unknown) => string;
  }
  const leaks: Leak[] = [
    { what: 'the lookup answers 403 with the unit id it found, pretty-printed, keys reversed', check: 'idaas.auth.instance', route: LOOKUP, method: 'POST', refused: (other) => `Bearer ${other}`, status: 403, code: 'Forbidden', serialise: prettyReversed },
    { what: 'GET answers 403 with the unit, every string \\u-escaped', check: 'idaas.auth.instance', route: UNIT, method: 'GET', refused: (other) => `Bearer ${other}`, status: 403, code: 'Forbidden', serialise: escapedJson },
    { what: 'the lookup answers 401 to no token with the unit id it found, pretty-printed, keys reversed', check: 'idaas.auth.token', route: LOOKUP, method: 'POST', refused: () => undefined, status: 401, code: 'InvalidToken', serialise: prettyReversed },
  ];

  it.each(leaks)('$what: $check fails', async ({ check, route, method, refused, status, code, serialise }) => {
    const { app, config, token, otherToken } = await idaasTarget(new Set(), { rules: ['ID-A1'] });
    let leaked = 0;
    // The refused requests are answered as refused, but the body carries what the main token reads.
    const leaky = replaceAnswers(app.handle, (req) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== method || !route.test(path) || !path.startsWith(`/v2/${TENANT}/`) || req.headers.authorization !== refused(otherToken)) return undefined;
      return {
        authorization: `Bearer ${token}`,
        answer: (mock) => {
          if (mock.status !== 200) return { status: mock.status, text: JSON.stringify(mock.json) };
          leaked++;
          const fields = typeof mock.json === 'object' && mock.json !== null ? mock.json : {};
          return { status, text: serialise({ requestId: `leak-${leaked}`, code, message: 'Refused.', ...fields }) };
        },
      };
    });
    const report = await runSuite({ ...config, app: leaky });
    expect(leaked).toBeGreaterThan(0);
    const result = report.checks.find((c) => c.check === check);
    expect(result?.status).toBe('failed');
    expect(result?.message).toMatch(/reads nothing of (this|the) instance/);
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual(['ID-A1']);
  });
});

describe('ID-A1 an id the error itself carries is no leak', () => {
  it('a correct server whose error requestId is the id of the unit its path names passes every ID-A1 check', async () => {
    const { app, config } = await idaasTarget(new Set(), { rules: ['ID-A1'] });
    let renamed = 0;
    const echoing = replaceAnswers(app.handle, (req) => {
      const id = unitIdOf(req);
      if (id === undefined) return undefined;
      return {
        answer: (mock) => {
          const body = typeof mock.json === 'object' && mock.json !== null ? mock.json : {};
          if (mock.status < 400 || !('requestId' in body)) return { status: mock.status, text: JSON.stringify(mock.json ?? {}) };
          renamed++;
          return { status: mock.status, text: JSON.stringify({ ...body, requestId: id }) };
        },
      };
    });
    const report = await runSuite({ ...config, app: echoing });
    expect(renamed).toBeGreaterThan(0);
    expect(notPassed(report)).toEqual([]);
  });

  it('a correct server whose 401 message says the resource is "guarded" passes every ID-A1 check', async () => {
    const { app, config } = await idaasTarget(new Set(), { rules: ['ID-A1'] });
    let worded = 0;
    const wordy = replaceAnswers(app.handle, () => ({
      answer: (mock) => {
        if (mock.status !== 401 || typeof mock.json !== 'object' || mock.json === null) return { status: mock.status, text: JSON.stringify(mock.json ?? {}) };
        worded++;
        return { status: 401, text: JSON.stringify({ ...mock.json, message: 'Only a valid token reads what is guarded here.' }) };
      },
    }));
    const report = await runSuite({ ...config, app: wordy });
    expect(worded).toBeGreaterThan(0);
    expect(notPassed(report)).toEqual([]);
  });
});
