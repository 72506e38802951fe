/**
 * The requests the OU API is compared on, byte for byte, before and after it moved behind
 * the dialect host: every call in order on one app (writes change what later calls see),
 * and the answers with new ids replaced by placeholders in order of appearance.
 */
import type { MockApp } from '../../../mock/app.ts';
import { BASE, IDS, bearer, http, tokensFor } from '../../../mock/http/test/helpers.ts';

export interface Call {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  path: string;
  /** 'rw' (default), 'ro', 'globex', 'ghost', 'none', or a raw Authorization header. */
  auth?: string;
  body?: unknown;
  raw?: string;
}

const ACME = `${BASE}/acme/ous`;

export const CALLS: Call[] = [
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

export interface Seen {
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
export async function answers(app: MockApp): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const call of CALLS) seen.push(await run(app, call));
  return seen;
}

/** New ids are random per app: the same position in both runs gets the same placeholder. */
export function sameIds(seen: Seen[]): Seen[] {
  const ids = new Map<string, string>();
  const swap = (s: string | undefined): string | undefined =>
    s?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `new-${ids.size}`);
      return ids.get(id)!;
    });
  return seen.map((s) => ({ ...s, text: swap(s.text)!, headers: Object.fromEntries(Object.entries(s.headers).map(([k, v]) => [k, swap(v)])) }));
}
