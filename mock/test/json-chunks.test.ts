import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../json-chunks.ts';

async function text(value: unknown): Promise<{ text: string; pieces: number }> {
  let out = '';
  let pieces = 0;
  for await (const piece of jsonChunks(value)) {
    out += piece;
    pieces++;
  }
  return { text: out, pieces };
}

describe('jsonChunks', () => {
  it('writes exactly what JSON.stringify writes, for big arrays at any depth and awkward values', async () => {
    const attrs = JSON.parse('{"__proto__":{"x":1},"s":"\\u2028\\"q\\"","n":null}') as Record<string, unknown>;
    const value = {
      version: 1,
      skipped: undefined,
      tenants: [
        {
          tenant_id: 'a"b',
          ous: Array.from({ length: 12_345 }, (_, i) => ({ id: `ou-${i}`, custom_attributes: i % 100 === 0 ? attrs : null, when: undefined })),
          users: [],
          nested: [[1, undefined, () => 1], new Date(0)],
        },
      ],
    };
    const { text: out, pieces } = await text(value);
    expect(out).toBe(JSON.stringify(value));
    expect(pieces).toBeGreaterThan(3);
  });

  it.each([[null], [3], ['s'], [[]], [{}], [[{ a: [] }]]])('matches JSON.stringify for %j', async (value) => {
    expect((await text(value)).text).toBe(JSON.stringify(value));
  });

  it('writes nesting far deeper than JSON.stringify can (100,000 levels) without recursion', async () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = { children: [deep], i };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const { text: out } = await text(deep);
    // The text a recursive serialiser would write, built from the inside out.
    let expected = '{"leaf":true}';
    for (let i = 0; i < 100_000; i++) expected = `{"children":[${expected}],"i":${i}}`;
    expect(out).toBe(expected);
  });

  it('hands the event loop back between chunks', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let chunks = 0;
    try {
      for await (const _ of jsonChunks(Array.from({ length: 200_000 }, (_, i) => ({ id: `id-${i}`, n: i })))) chunks++;
    } finally {
      clearInterval(timer);
    }
    expect(chunks).toBeGreaterThan(10);
    expect(ticks).toBeGreaterThan(0);
  });
});
