/**
 * The ou-api Dialect served by the generic host answers byte for byte as the OU API's own
 * pipeline (mock/http/ou-api.ts): the same requests against both, same status, headers that
 * matter and bodies, clean and under the OU API's defect switches.
 */
import { describe, expect, it } from 'vitest';
import type { MockApp } from '../../../mock/app.ts';
import type { Defect } from '../../../mock/defects.ts';
import { BASE, IDS, bearer, http, tinyApp, tokensFor } from '../../../mock/http/test/helpers.ts';
import type { Dialect } from '../../types.ts';
import { ouApiDialectBase } from '../index.ts';

/** The verifier side is not exercised by these mock tests: a driver asked for fails loudly. */
const ouDialect: Dialect = {
  ...ouApiDialectBase,
  verify: {
    driver: () => {
      throw new Error('the mock tests of the ou-api dialect never run a verification');
    },
    checks: [],
    capabilities: { move: true, users: true, subtreeDelete: true, tenantInRequest: true },
  },
};

interface Call {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string;
  /** 'rw' (default), 'ro', 'globex', 'ghost', 'none', or a raw Authorization header. */
  auth?: string;
  body?: unknown;
  raw?: string;
}

const ACME = `${BASE}/acme/ous`;

const CALLS: Call[] = [
  { method: 'get', path: ACME },
  { method: 'get', path: `${ACME}?per_page=2&page=2` },
  { method: 'get', path: `${ACME}?search=PLAT` },
  { method: 'get', path: `${ACME}?parent_id=${IDS.eng}` },
  { method: 'get', path: `${ACME}?page=99` },
  { method: 'get', path: `${ACME}?per_page=0` },
  { method: 'get', path: `${ACME}?per_page=abc` },
  { method: 'get', path: `${ACME}/tree` },
  { method: 'get', path: `${ACME}/${IDS.eng}` },
  { method: 'get', path: `${ACME}/nope` },
  { method: 'get', path: `${ACME}/${IDS.eng}/users?include_nested=true&per_page=1` },
  { method: 'get', path: `${ACME}/nope/users` },
  { method: 'post', path: ACME, body: { name: 'New', parent_id: IDS.eng, custom_attributes: { a: [1] } } },
  { method: 'post', path: ACME, body: { name: '   ' } },
  { method: 'post', path: ACME, body: { name: 'a/b' } },
  { method: 'post', path: ACME, body: { name: 'engineering' } },
  { method: 'post', path: ACME, body: { name: 'X', parent_id: 'nope' } },
  { method: 'post', path: ACME, body: { name: 'X', extra: 1 } },
  { method: 'post', path: ACME, raw: '{"name": ' },
  { method: 'patch', path: `${ACME}/${IDS.platform}`, body: { name: 'Core', description: null } },
  { method: 'patch', path: `${ACME}/${IDS.eng}`, body: { parent_id: IDS.platform } },
  { method: 'patch', path: `${ACME}/${IDS.eng}`, body: { name: null } },
  { method: 'delete', path: `${ACME}/${IDS.eng}` },
  { method: 'delete', path: `${ACME}/${IDS.eng}?strategy=SIDEWAYS` },
  { method: 'delete', path: `${ACME}/nope` },
  { method: 'delete', path: `${ACME}/${IDS.sales}` },
  { method: 'delete', path: `${ACME}/${IDS.eng}?strategy=MOVE_UP` },
  { method: 'get', path: ACME, auth: 'none' },
  { method: 'get', path: ACME, auth: 'Basic abc' },
  { method: 'get', path: ACME, auth: 'Bearer not.a.token' },
  { method: 'post', path: ACME, auth: 'ro', body: { name: 'Y' } },
  { method: 'get', path: ACME, auth: 'globex' },
  { method: 'get', path: `${BASE}/ghost/ous`, auth: 'ghost' },
  { method: 'put', path: ACME },
  { method: 'get', path: `${BASE}/acme/nothing` },
  { method: 'get', path: `${BASE}/globex/ous/${IDS.globexOu}` },
  { method: 'get', path: `${ACME}/${IDS.globexOu}` },
];

interface Seen {
  status: number;
  headers: Record<string, string | undefined>;
  text: string;
}

const HEADERS = ['content-type', 'location', 'www-authenticate', 'allow', 'retry-after'];

async function run(app: MockApp, call: Call): Promise<Seen> {
  const tokens = await tokensFor(app);
  const named: Record<string, string> = { rw: tokens.rw, ro: tokens.ro, globex: tokens.globex, ghost: tokens.ghost };
  const auth = call.auth ?? 'rw';
  let req = http(app)[call.method](call.path).set('X-Request-Id', 'req-1');
  if (auth !== 'none') req = req.set(named[auth] === undefined ? { Authorization: auth } : bearer(named[auth]));
  if (call.raw !== undefined) req = req.set('Content-Type', 'application/json').send(call.raw);
  else if (call.body !== undefined) req = req.send(call.body as object);
  const res = await req;
  return { status: res.status, headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers[h] as string | undefined])), text: res.text };
}

/** Every call, in order, on one app: writes change the state the later calls see. */
async function answers(app: MockApp): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const call of CALLS) seen.push(await run(app, call));
  return seen;
}

/** New ids are random per app: the same position in both runs gets the same placeholder. */
function sameIds(seen: Seen[]): Seen[] {
  const ids = new Map<string, string>();
  const swap = (s: string | undefined): string | undefined =>
    s?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `new-${ids.size}`);
      return ids.get(id)!;
    });
  return seen.map((s) => ({ ...s, text: swap(s.text)!, headers: Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k, swap(v)])) }));
}

async function compare(defects: readonly Defect[]): Promise<void> {
  const own = await answers(tinyApp({ dialects: [], defects: new Set(defects) }));
  const hosted = await answers(tinyApp({ dialects: [ouDialect], defects: new Set(defects) }));
  const a = sameIds(own);
  const b = sameIds(hosted);
  for (let i = 0; i < CALLS.length; i++) {
    expect({ call: CALLS[i], ...b[i] }).toEqual({ call: CALLS[i], ...a[i] });
  }
}

describe('the ou-api dialect through the host answers as the OU API pipeline', () => {
  it('clean: every status, header and body byte', async () => {
    await compare([]);
  });

  it.each<Defect[]>([
    ['error-detail-shape'],
    ['validation-error-shape'],
    ['no-envelope'],
    ['response-schema-break'],
    ['tree-depth-2', 'default-per-page-10', 'overlapping-pages'],
    ['stale-parent-counts', 'case-sensitive-siblings'],
    ['delete-unknown-204', 'users-unknown-ou-empty'],
    ['tenant-leak'],
    ['get-unknown-crash', 'include-nested-ignored'],
    ['ignore-scopes', 'ignore-token-tenant'],
    ['allow-cycles', 'block-ignores-users', 'create-unknown-parent-top-level'],
  ])('under defects %s', async (...defects) => {
    await compare(defects);
  });
});
