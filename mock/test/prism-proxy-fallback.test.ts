import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contracts/index.ts';
import { createResponseChecker, prismCannotCarry } from '../proxy-fallback.ts';

const check = createResponseChecker(loadContract());
const OUS = '/api/v1/tenants/acme/ous';
const json = 'application/json; charset=utf-8';
const validationError = JSON.stringify({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });

describe('fallback response check (exchanges Prism cannot proxy)', () => {
  it('OU-E3: accepts a 422 HTTPValidationError for a malformed create body', () => {
    expect(check({ method: 'POST', pathname: OUS, status: 422, contentType: json, body: validationError })).toEqual([]);
  });

  it('OU-E3: flags a 422 body that is not HTTPValidationError, naming the property', () => {
    const found = check({ method: 'POST', pathname: OUS, status: 422, contentType: json, body: JSON.stringify({ detail: 'bad json' }) });
    expect(found).toEqual([expect.objectContaining({ location: ['response', 'body', 'detail'], code: 'type', severity: 'Error' })]);
  });

  it('routes /ous/tree to the tree operation, not to /ous/{ou_id}', () => {
    const tree = JSON.stringify({ data: [{ id: 'a', name: 'A', path: '/A', children: [] }] });
    expect(check({ method: 'GET', pathname: `${OUS}/tree`, status: 200, contentType: json, body: tree })).toEqual([]);
  });

  it('flags an undocumented status: an error for 2xx, a warning otherwise (as Prism does)', () => {
    expect(check({ method: 'PATCH', pathname: `${OUS}/x`, status: 202, contentType: json, body: '{}' })[0]).toMatchObject({ code: 'status', severity: 'Error' });
    expect(check({ method: 'PATCH', pathname: `${OUS}/x`, status: 400, contentType: json, body: '{}' })[0]).toMatchObject({ code: 'status', severity: 'Warning' });
  });

  it('flags a body that is not JSON and a wrong media type', () => {
    expect(check({ method: 'POST', pathname: OUS, status: 422, contentType: json, body: '<html>' })[0]).toMatchObject({ code: 'json' });
    expect(check({ method: 'POST', pathname: OUS, status: 422, contentType: 'text/html', body: '<html>' })[0]).toMatchObject({ code: 'content-type' });
  });
});

describe('which requests bypass Prism', () => {
  const req = (method: string, contentType?: string) => ({ method, headers: contentType === undefined ? {} : { 'content-type': contentType } });
  it('a JSON body that does not parse, and a GET with a body', () => {
    expect(prismCannotCarry(req('POST', 'application/json'), Buffer.from('{"name":'))).toBe(true);
    expect(prismCannotCarry(req('GET'), Buffer.from('x'))).toBe(true);
  });
  it('but not a valid JSON body, a non-JSON body or no body', () => {
    expect(prismCannotCarry(req('POST', 'application/json'), Buffer.from('{"name":"a"}'))).toBe(false);
    expect(prismCannotCarry(req('POST', 'text/plain'), Buffer.from('{"name":'))).toBe(false);
    expect(prismCannotCarry(req('DELETE'), Buffer.alloc(0))).toBe(false);
  });
});
