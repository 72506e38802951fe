/**
 * Breaking variations: wire-level faults the pages forbid. `verify` must fail each, under
 * the rule that forbids it: the proxy must not mask a failure.
 */
import { headerOf, withLength, type UpstreamAnswer, type WireVariation } from './wire-proxy.ts';

function jsonBody(up: UpstreamAnswer): boolean {
  return /json/i.test(headerOf(up.headers, 'content-type') ?? '') && up.body.length > 0;
}

/** Every JSON answer labelled `text/html` (each contract documents application/json). */
export const wrongContentType: WireVariation = {
  name: 'wrong-content-type',
  why: 'each contract documents application/json for every body',
  answer: (up) => withLength(up, up.headers.map(([n, v]) => (n.toLowerCase() === 'content-type' ? [n, 'text/html; charset=utf-8'] : [n, v]))),
};

/** Every successful JSON body cut in half: still labelled JSON, no longer JSON. */
export const truncatedJson: WireVariation = {
  name: 'truncated-json',
  why: 'a body documented as JSON must be JSON',
  answer: (up) => withLength(up.status < 300 && jsonBody(up) ? { ...up, body: up.body.subarray(0, Math.floor(up.body.length / 2)) } : up),
};

/** `name` removed from every answer: a header the page requires (V2-L2's pagination headers, OU-A1's WWW-Authenticate). */
export function withoutHeader(name: string): WireVariation {
  return {
    name: `no-${name.toLowerCase()}`,
    why: `the page requires ${name}`,
    answer: (up) => withLength(up, up.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase())),
  };
}

/** Every request with `method` answers 503 (an overloaded backend behind a gateway). */
export function serverErrorOn(method: string): WireVariation {
  return {
    name: `503-on-${method.toLowerCase()}`,
    why: 'no request answers 5xx (OU-E4, V2-E2, ID-E1, AD-E1)',
    answer: (up, req) =>
      req.method === method
        ? withLength({ status: 503, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"error":"upstream unavailable"}') })
        : withLength(up),
  };
}
