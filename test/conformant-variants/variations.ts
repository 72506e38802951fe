/**
 * Conformant variations: what a correct implementation of another stack may put on the wire
 * where our mock puts something else. Each says why HTTP or the dialect's page allows it.
 * `verify` must pass every one of them, for every dialect.
 */
import { gzipSync } from 'node:zlib';
import type { DialectId } from '../../dialects/types.ts';
import { writeJson, type JsonStyle } from './json-style.ts';
import { bodiless, headerOf, withLength, type HeaderField, type UpstreamAnswer, type WireAnswer, type WireVariation } from './wire-proxy.ts';

function isJson(up: UpstreamAnswer): boolean {
  return /^application\/json/i.test(headerOf(up.headers, 'content-type') ?? '') && up.body.length > 0;
}

/** The answer with its JSON body rewritten by `edit` and written in `style`; other answers as they came. */
function rewriteJson(up: UpstreamAnswer, style: JsonStyle, edit: (body: unknown) => unknown = (b) => b): UpstreamAnswer {
  if (!isJson(up)) return up;
  return { ...up, body: Buffer.from(writeJson(edit(JSON.parse(up.body.toString('utf8')) as unknown), style), 'utf8') };
}

function jsonStyle(name: string, why: string, style: JsonStyle): WireVariation {
  return { name, why, answer: (up) => withLength(rewriteJson(up, style)) };
}

function setHeader(headers: readonly HeaderField[], name: string, value: string): HeaderField[] {
  return [...headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()), [name, value]];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The error texts each page leaves free, rewritten: ou-api `detail` (a string) and the
 * 422 items' `msg`; orgunit-v2 `message` (errors and 422 items; `name` is the reason
 * phrase, fixed); idaas `message`; admanager `detail` (but not the 401's, which AD-A1
 * quotes) and the reason of a failed update item (`status_message` when `status_code` is 0).
 */
function otherWording(dialect: DialectId, status: number, body: unknown): unknown {
  const reworded = (text: unknown): unknown => (typeof text === 'string' ? `Request could not be completed (HTTP ${status}); see the documentation.` : text);
  const item = (v: unknown): unknown => {
    if (!isRecord(v)) return v;
    switch (dialect) {
      case 'ou-api':
        return { ...v, ...('detail' in v && typeof v['detail'] === 'string' ? { detail: reworded(v['detail']) } : {}), ...('msg' in v ? { msg: reworded(v['msg']) } : {}) };
      case 'orgunit-v2':
      case 'idaas':
        return 'message' in v ? { ...v, message: reworded(v['message']) } : v;
      case 'admanager':
        return 'detail' in v && status !== 401 ? { ...v, detail: reworded(v['detail']) } : v;
    }
  };
  if (dialect === 'admanager' && status < 400 && isRecord(body) && Array.isArray(body['data'])) {
    return {
      ...body,
      data: body['data'].map((d) =>
        isRecord(d) && isRecord(d['status']) && d['status']['status_code'] === 0 ? { ...d, status: { ...d['status'], status_message: 'Not updated: see the documentation.' } } : d,
      ),
    };
  }
  if (status < 400) return body;
  const top = item(body);
  if (dialect === 'ou-api' && isRecord(top) && Array.isArray(top['detail'])) return { ...top, detail: top['detail'].map(item) };
  return Array.isArray(top) ? top.map(item) : top;
}

/** Replaces every string equal to `from` in a JSON value. */
function replaceString(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceString(v, from, to));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceString(v, from, to)]));
  return value;
}

/** The conformant variations for `dialect` (the message wording is the only one that depends on it). */
export function conformantVariations(dialect: DialectId): WireVariation[] {
  let requests = 0;
  return [
    jsonStyle('reversed-keys', 'RFC 8259 §4: object members are unordered; every object is written in reverse order', { reverseKeys: true }),
    jsonStyle('pretty-json', 'RFC 8259 §2: white space around tokens is insignificant; pretty-printed with tabs and CRLF, a line end after the value', { indent: '\t' }),
    jsonStyle('escaped-json', "RFC 8259 §7: `\\/` and `\\uXXXX` escapes (PHP's and Python's defaults) are the same strings", { asciiOnly: true, escapeSlash: true }),
    {
      name: 'charset-param',
      why: 'RFC 8259 §11 / RFC 9110 §8.3.1: `application/json; charset=utf-8`, the type and parameter names in any case',
      answer: (up) => withLength(up, up.headers.map(([n, v]) => (n.toLowerCase() === 'content-type' && /json/i.test(v) ? [n, 'Application/JSON;Charset="UTF-8"'] : [n, v]))),
    },
    {
      name: 'header-case-order',
      why: 'RFC 9110 §5.1: field names are case-insensitive; §5.3: the order of different fields carries no meaning',
      answer: (up) => {
        const wire = withLength(up);
        return { ...wire, headers: [...wire.headers].reverse().map(([n, v], i) => [i % 2 === 0 ? n.toUpperCase() : n.toLowerCase(), v]) };
      },
    },
    {
      name: 'chunked',
      why: 'RFC 9112 §7.1: a body may be sent chunked instead of with Content-Length; here in 3 chunks, cut anywhere (inside a UTF-8 sequence too)',
      answer: (up) => ({ status: up.status, headers: up.headers, body: up.body, pieces: 3 }),
    },
    {
      name: 'connection-close',
      why: 'RFC 9112 §9.6: a server may close the connection after any answer (keep-alive off)',
      answer: (up) => {
        const wire = withLength(up);
        return { ...wire, headers: [...wire.headers, ['Connection', 'close']] };
      },
    },
    {
      name: 'extra-headers',
      why: 'RFC 9110 §5.1: unknown fields are ignored; the ones frameworks and proxies add, a list field repeated as separate fields',
      answer: (up) => {
        const wire = withLength(up);
        const extra: HeaderField[] = [
          ['Server', 'nginx/1.27.3'],
          ['Date', new Date().toUTCString()],
          ['Vary', 'Origin'],
          ['Vary', 'Accept-Encoding'],
          ['ETag', 'W/"5e-1b2c3d"'],
          ['Cache-Control', 'no-store, max-age=0'],
          ['X-Powered-By', 'Express'],
          ['Strict-Transport-Security', 'max-age=63072000'],
          ['X-Content-Type-Options', 'nosniff'],
          ['Set-Cookie', 'SESSIONID=abc; Path=/; HttpOnly'],
          ['Set-Cookie', 'lb=node-2; Path=/'],
          ['Access-Control-Allow-Origin', '*'],
          ['X-RateLimit-Remaining', '4999'],
        ];
        return { ...wire, headers: [...extra, ...wire.headers] };
      },
    },
    {
      name: 'reason-phrase',
      why: 'RFC 9112 §4: a client should ignore the reason phrase; here a non-standard one on every answer',
      answer: (up) => ({ ...withLength(up), statusMessage: `Status ${up.status} from the vendor` }),
    },
    {
      name: 'other-error-messages',
      why: 'every page fixes error codes, statuses and fields, not the free-text messages (bar the AD 401 detail, which AD-A1 quotes)',
      answer: (up) => withLength(rewriteJson(up, {}, (body) => otherWording(dialect, up.status, body))),
    },
    {
      name: 'no-request-id-header',
      why: 'no page requires an X-Request-ID answer header (the OU contract documents it optional)',
      answer: (up) => withLength(up, up.headers.filter(([n]) => n.toLowerCase() !== 'x-request-id')),
    },
    {
      name: 'other-request-id-format',
      why: 'the generated request id is opaque (OU-E2: "else is generated"; ID-E1: "<id>"); an echoed X-Request-ID is left as sent',
      answer: (up, req) => {
        const id = headerOf(up.headers, 'x-request-id');
        if (id === undefined || req.headers['x-request-id'] !== undefined) return withLength(up);
        const other = `REQ${String(++requests).padStart(12, '0')}`;
        return withLength(rewriteJson({ ...up, headers: setHeader(up.headers, 'X-Request-Id', other) }, {}, (body) => replaceString(body, id, other)));
      },
    },
    {
      name: 'link-forms',
      why: 'RFC 9110 §10.2.2 and RFC 8288 §3: Location and Link targets absolute (as Yii2 writes them), rel quoted, each link its own field (orgunit-v2 sends them; other dialects none)',
      answer: (up, req) => {
        const origin = `http://${String(req.headers['host'])}`;
        const absolute = (url: string): string => (url.startsWith('/') ? `${origin}${url}` : url);
        const headers = up.headers.flatMap(([n, v]): HeaderField[] => {
          if (n.toLowerCase() === 'location') return [[n, absolute(v)]];
          if (n.toLowerCase() !== 'link') return [[n, v]];
          return v.split(/,\s*(?=<)/).map((link): HeaderField => [n, link.replace(/^<([^>]*)>/, (_m, url: string) => `<${absolute(url)}>`).replace(/rel=([^";,\s]+)/, 'rel="$1"')]);
        });
        return withLength(up, headers);
      },
    },
    {
      name: 'challenge-forms',
      why: 'RFC 9110 §11.1: the auth-scheme is case-insensitive (`bearer`); RFC 6750 §3: the challenge may carry realm, error and error_description',
      answer: (up) =>
        withLength(up, up.headers.map(([n, v]) => (n.toLowerCase() === 'www-authenticate' ? [n, 'bearer realm="ou", error="invalid_token", error_description="The access token is missing or invalid"'] : [n, v]))),
    },
    {
      name: 'slow',
      why: 'timing is not a rule: 5 ms before the headers and between the 2 pieces of each body',
      answer: (up) => ({ ...withLength(up), pieces: 2, pauseMs: 5 }),
    },
    {
      name: 'gzip-unasked',
      why: 'RFC 9110 §12.5.3: a request without Accept-Encoding (ours) accepts any content coding; every body gzipped',
      answer: (up): WireAnswer => {
        if (bodiless(up.status) || up.body.length === 0) return withLength(up);
        return withLength({ ...up, body: gzipSync(up.body) }, [...up.headers, ['Content-Encoding', 'gzip'], ['Vary', 'Accept-Encoding']]);
      },
    },
  ];
}

/**
 * All of `variations` on one answer, in order: each next one gets the previous one's answer
 * (its framing fields dropped, so the next frames the body anew); reason phrase, pieces and
 * pauses carry over.
 */
export function combined(variations: readonly WireVariation[]): WireVariation {
  return {
    name: 'all-at-once',
    why: `every conformant variation on every answer: ${variations.map((v) => v.name).join(', ')}`,
    answer: (up, req) => {
      let current = up;
      let wire: WireAnswer = withLength(up);
      for (const variation of variations) {
        const next = variation.answer(current, req);
        wire = { ...wire, ...next, pieces: Math.max(wire.pieces ?? 1, next.pieces ?? 1), pauseMs: Math.max(wire.pauseMs ?? 0, next.pauseMs ?? 0) };
        current = { status: next.status, headers: next.headers.filter(([n]) => !/^(content-length|transfer-encoding)$/i.test(n)), body: next.body };
      }
      return wire;
    },
  };
}

/**
 * The conformant variations that combine: one JSON style with all its freedoms, and the
 * header and framing ones (`slow` is left to its own test for time, `no-request-id-header`
 * because `other-request-id-format` changes the same header).
 */
export function allAtOnce(dialect: DialectId): WireVariation {
  const byName = new Map(conformantVariations(dialect).map((v) => [v.name, v]));
  const pick = (name: string): WireVariation => {
    const v = byName.get(name);
    if (v === undefined) throw new TypeError(`no variation ${name}`);
    return v;
  };
  return combined([
    pick('other-error-messages'),
    pick('other-request-id-format'),
    jsonStyle('every-json-freedom', 'reversed keys, pretty-printed, escaped', { reverseKeys: true, indent: '  ', asciiOnly: true, escapeSlash: true }),
    pick('gzip-unasked'),
    pick('charset-param'),
    pick('extra-headers'),
    pick('link-forms'),
    pick('challenge-forms'),
    pick('header-case-order'),
    pick('reason-phrase'),
    pick('connection-close'),
    pick('chunked'),
  ]);
}
