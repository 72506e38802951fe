import { describe, expect, it } from 'vitest';
import { derefLocal, follow, fromPointer, lookup, RefError, toPointer } from '../index.ts';

const doc = {
  paths: { '/ous/{id}': { get: { responses: { '404': { $ref: '#/components/responses/NotFound' } } } } },
  components: {
    responses: { NotFound: { $ref: '#/components/responses/Missing' }, Missing: { description: 'gone' } },
    schemas: { 'a/b': { type: 'string' }, Loop: { $ref: '#/components/schemas/Loop' }, List: { items: [{ type: 'integer' }] } },
  },
};

describe('the $ref resolver', () => {
  it('follows a chain of refs to the node and tells the pointer it stands at', () => {
    const at = toPointer(['paths', '/ous/{id}', 'get', 'responses', '404']);
    expect(at).toBe('/paths/~1ous~1{id}/get/responses/404');
    expect(follow(doc, lookup(doc, at), at)).toEqual({ node: { description: 'gone' }, pointer: '/components/responses/Missing' });
  });

  it('a node without $ref stays where it is', () => {
    expect(follow(doc, { type: 'object' }, '/x')).toEqual({ node: { type: 'object' }, pointer: '/x' });
  });

  it('escapes and unescapes ~ and / (RFC 6901); a #-fragment is percent-decoded, a bare pointer is not', () => {
    expect(fromPointer(toPointer(['a/b', 'c~d', 3]))).toEqual(['a/b', 'c~d', '3']);
    expect(lookup(doc, '#/components/schemas/a~1b')).toEqual({ type: 'string' });
    expect(lookup(doc, '#/paths/~1ous~1%7Bid%7D/get/responses/404')).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(fromPointer('/a%7Bb')).toEqual(['a%7Bb']);
    expect(lookup(doc, '/components/schemas/List/items/0')).toEqual({ type: 'integer' });
  });

  it('throws a RefError naming a dangling, remote or cyclic ref', () => {
    expect(() => follow(doc, { $ref: '#/components/schemas/Nope' }, '/x')).toThrow(new RefError('#/components/schemas/Nope', '$ref #/components/schemas/Nope names nothing'));
    expect(() => follow(doc, { $ref: 'https://example.invalid/s.yaml#/A' }, '/x')).toThrow('only local $refs are followed, got https://example.invalid/s.yaml#/A');
    expect(() => follow(doc, { $ref: '#/components/schemas/Loop' }, '/x')).toThrow('$ref chain too long (a cycle?)');
  });

  it('derefLocal is the lenient form for rule functions: undefined where follow throws', () => {
    expect(derefLocal(doc, { $ref: '#/components/responses/NotFound' })).toEqual({ description: 'gone' });
    expect(derefLocal(doc, { $ref: '#/components/schemas/Nope' })).toBeUndefined();
    expect(derefLocal(doc, { $ref: '#/components/schemas/Loop' })).toBeUndefined();
    expect(derefLocal(doc, 'plain')).toBe('plain');
  });
});
