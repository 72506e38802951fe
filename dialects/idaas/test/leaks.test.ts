/** `shows`: what gives a unit away in an answer, judged on its JSON, not on how it is written. */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../suites/exchange.ts';
import { shows } from '../checks/leaks.ts';

function answer(text: string): Exchange {
  return {
    seq: 1, check: 'test', operationId: undefined, method: 'GET', url: 'http://x.invalid/', path: '/', requestHeaders: {}, authShell: undefined, authLabel: 'none',
    requestBody: undefined, status: 403, headers: {}, text, body: undefined, error: undefined, issues: [], durationMs: 0,
  };
}

const ID = '6f1c2a9e-0b7d-4c55-9e21-3d4f5a6b7c8d';
const NAME = 'secret-ouc-7-a1b2c3';
const secrets = { texts: [NAME], unitIds: [ID], values: ['leaf-id'] };

describe('shows', () => {
  it.each([
    ['compact', `{"organizationalUnitId":"${ID}"}`],
    ['pretty-printed', `{\n  "organizationalUnitId" : "${ID}"\n}`],
    ['as a parentId among other keys', `{"code":"Forbidden","data":[{"parentId":"${ID}","x":1}]}`],
    ['the name \\u-escaped', `{"organizationalUnitName":"${[...NAME].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`],
    ['the name inside a message', `{"message":"Unit ${NAME} is not yours."}`],
    ['the name as a key', `{"${NAME}":true}`],
    ['a value under any key', '{"children":["leaf-id"]}'],
    ['a unit-id field in a body that is no JSON', `<p>"organizationalUnitId":  "${ID}"</p>`],
    ['the name in a body that is no JSON', `Unit ${NAME}`],
  ])('a leak %s is seen', (_what, text) => {
    expect(shows(answer(text), secrets)).toBe(true);
  });

  it.each([
    ['the requested id repeated in a message', `{"requestId":"r1","code":"Forbidden","message":"No access to ${ID}."}`],
    ['the id under a field that names no unit', `{"organizationalUnitExternalId":"${ID}"}`],
    ['the error\'s own requestId equal to a secret value', '{"requestId":"leaf-id","code":"EntityNotExists.OrganizationalUnit","message":"No such unit."}'],
    ['another unit', `{"organizationalUnitId":"${ID.replace('6f', '7f')}","organizationalUnitName":"other"}`],
    ['an empty body', ''],
  ])('no leak in %s', (_what, text) => {
    expect(shows(answer(text), secrets)).toBe(false);
  });
});
