/**
 * `verify --dialect orgunit-v2` against implementations it has never seen, made by wrapping the
 * mock's listener (around.ts): conformant ones that differ where the page leaves freedom pass;
 * broken ones that the mock's contract layer keeps a defect switch from showing fail their rule.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';
import { around } from './around.ts';
import type { Rewrites, SeenRequest } from './around.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object's keys in reverse order, at every depth (JSON key order is free). */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
}

/**
 * What the page leaves free, done otherwise: other message texts, the 422 items and the 409's
 * related lists in another order, extra fields on an OrgUnit (the schema allows them), Yii2's
 * charset in the content type, an absolute Link with quoted rels in another order, extra headers.
 */
function otherwise(json: unknown): unknown {
  if (Array.isArray(json)) {
    const items = json.map(otherwise);
    return items.every((i) => isObject(i) && 'field' in i) ? items.reverse() : items;
  }
  if (!isObject(json)) return json;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) out[k] = k === 'message' && typeof v === 'string' ? `Другой текст: ${v.length} chars` : otherwise(v);
  if ('org_unit_id' in out && 'project_id' in out) Object.assign(out, { created_at: 1767225600, updated_at: null, _links: { self: { href: '/v2/org-unit/view' } } });
  const related = out['related'];
  if (isObject(related)) for (const key of ['org_units', 'users']) if (Array.isArray(related[key])) related[key] = [...(related[key] as unknown[])].reverse();
  return out;
}

function relinked(link: string): string {
  return link
    .split(',')
    .map((part) => part.trim().replace(/^<\//, '<https://elsewhere.example/').replace(/rel=(\w+)/, 'rel="$1"'))
    .reverse()
    .join(', ');
}

const CONFORMANT: Rewrites = {
  response: ({ headers, json }) => ({
    headers: {
      ...headers,
      'content-type': 'application/json; charset=UTF-8',
      'x-powered-by': 'PHP/8.3',
      ...(headers['link'] !== undefined ? { link: relinked(headers['link']) } : {}),
    },
    json: reverseKeys(otherwise(json)),
  }),
};

/** A request rewrite of one operation's JSON body (create, update, index). */
function body(path: RegExp, bend: (b: Record<string, unknown>) => Record<string, unknown>): Rewrites {
  return {
    request: (req: SeenRequest) => ({ url: req.url, json: path.test(req.url.pathname) && isObject(req.json) ? bend(req.json) : req.json }),
  };
}

const CODE_PATHS = /^\/v2\/org-unit\/(create|update)/;
const asciiCode = (code: string): string => [...code].map((c) => (/^[A-Z0-9_-]$/.test(c) ? c : `X${c.codePointAt(0)?.toString(16).toUpperCase()}`)).join('');

/** Broken implementations: each differs from the page in one rule, at a boundary the contract layer of the mock guards. */
const BROKEN: Array<{ rule: string; what: string; rewrites: Rewrites | ((tokens: { token: string; expiredToken: string }) => Rewrites) }> = [
  {
    rule: 'V2-E1',
    what: 'a 422 lists the first faulty field only',
    rewrites: { response: ({ status, headers, json }) => ({ headers, json: status === 422 && Array.isArray(json) ? json.slice(0, 1) : json }) },
  },
  { rule: 'V2-A1', what: 'an expired token is accepted (exp not checked)', rewrites: expiredTaken('accepted') },
  { rule: 'V2-A1', what: 'a write with an expired token is made, then answered 401', rewrites: expiredTaken('applied-then-401') },
  {
    rule: 'V2-C2',
    what: 'a code with a trailing line break passes the format check (PHP-style $) and is stored without it',
    rewrites: body(CODE_PATHS, (b) => (typeof b['code'] === 'string' && b['code'].endsWith('\n') ? { ...b, code: b['code'].slice(0, -1) } : b)),
  },
  {
    rule: 'V2-C2',
    what: 'codes of any Unicode letters and digits are taken (stored transliterated)',
    rewrites: body(CODE_PATHS, (b) => (typeof b['code'] === 'string' && /^[\p{Lu}\p{Nd}_-]{1,64}$/u.test(b['code']) ? { ...b, code: asciiCode(b['code']) } : b)),
  },
  {
    rule: 'V2-L4',
    what: 'a sort value with outer white space is trimmed and taken',
    rewrites: body(/^\/v2\/org-unit\/index/, (b) => (typeof b['sort'] === 'string' ? { ...b, sort: b['sort'].trim() } : b)),
  },
  {
    rule: 'V2-D1',
    what: 'force is true when it is "true", false for any other value (never 422)',
    rewrites: {
      request: (req) => {
        const url = new URL(req.url);
        const force = url.searchParams.get('force');
        if (url.pathname.startsWith('/v2/org-unit/delete/') && force !== null && force !== 'true' && force !== 'false') url.searchParams.set('force', 'false');
        return { url, json: req.json };
      },
    },
  },
];

/** The 401 a server answers to a token it refuses. */
const UNAUTHORIZED = { name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 };

/** Broken token handling: the run's expired token taken as the valid one, for every request or for writes behind a 401. */
function expiredTaken(mode: 'accepted' | 'applied-then-401'): (tokens: { token: string; expiredToken: string }) => Rewrites {
  return ({ token, expiredToken }) => {
    const expired = (auth: string | undefined): boolean => auth === `Bearer ${expiredToken}`;
    const swap = (req: SeenRequest) => ({ url: req.url, json: req.json, ...(expired(req.authorization) && (mode === 'accepted' || req.method !== 'GET') ? { authorization: `Bearer ${token}` } : {}) });
    return mode === 'accepted'
      ? { request: swap }
      : {
          request: swap,
          response: (res) => (expired(res.request.authorization) ? { headers: { 'content-type': 'application/json' }, json: UNAUTHORIZED } : { headers: res.headers, json: res.json }),
        };
  };
}

async function verifyAround(rewrites: Rewrites | ((tokens: { token: string; expiredToken: string }) => Rewrites), rules?: string[]) {
  const { app, config } = await mockSetup(undefined, { dialect: 'orgunit-v2', ...(rules !== undefined ? { rules } : {}) });
  const r = typeof rewrites === 'function' ? rewrites({ token: config.token, expiredToken: config.expiredToken as string }) : rewrites;
  return runSuite({ ...config, app: around(app.handle, r) });
}

describe('verify --dialect orgunit-v2 on implementations it has never seen', () => {
  it('the conformant wrapper does differ: keys reversed, extra fields, other messages, a chunked body', async () => {
    const { app, config } = await mockSetup(undefined, { dialect: 'orgunit-v2' });
    const client = request(around(app.handle, CONFORMANT));
    const made = await client.post('/v2/org-unit/create').set('Authorization', `Bearer ${config.token}`).send({ code: 'WRAPPED', name: 'wrapped' });
    expect(made.status).toBe(201);
    expect(Object.keys(made.body as object)).toEqual(['_links', 'updated_at', 'created_at', 'project_id', 'parent_org_unit_id', 'description', 'name', 'code', 'org_unit_id']);
    expect(made.headers['transfer-encoding']).toBe('chunked');
    const missing = await client.get('/v2/org-unit/view/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${config.token}`);
    expect(missing.body).toMatchObject({ status: 404, name: 'Not Found', message: expect.stringMatching(/^Другой текст/) });
  });

  it('passes a conformant one that differs where the page leaves freedom (key order, messages, free orders, extra fields, Link form, chunked bodies)', async () => {
    const report = await verifyAround(CONFORMANT);
    const bad = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.status} ${c.message}`);
    expect(bad).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  });

  it.each(BROKEN)('fails $rule when $what', async ({ rule, rewrites }) => {
    const report = await verifyAround(rewrites, [rule]);
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))];
    expect(failing).toEqual([rule]);
    expect(report.verdict.core).toBe('failed');
  });
});
