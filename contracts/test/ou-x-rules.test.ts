import { describe, expect, it } from 'vitest';
import { openapi, runRule, runRuleOnContract } from './rule-tester.ts';

const RULE = 'ou-x-rules';

function opDoc(operation: Record<string, unknown>): Record<string, unknown> {
  return openapi({ '/things': { get: { operationId: 'getThing', responses: { '200': { description: 'ok' } }, ...operation } } });
}

const OP = 'paths./things.get';

describe(`${RULE} (every operation names its behaviour rules)`, () => {
  it.each([
    { title: 'no x-rules', doc: opDoc({}), hits: [{ message: 'Operation must list its behaviour rule ids in a non-empty "x-rules" array.', path: OP }] },
    { title: 'empty x-rules', doc: opDoc({ 'x-rules': [] }), hits: [{ message: 'Operation must list its behaviour rule ids in a non-empty "x-rules" array.', path: OP }] },
    { title: 'x-rules not an array', doc: opDoc({ 'x-rules': 'OU-L1' }), hits: [{ message: 'Operation must list its behaviour rule ids in a non-empty "x-rules" array.', path: OP }] },
    {
      title: 'malformed and duplicate ids',
      doc: opDoc({ 'x-rules': ['OU-L1', 'L2', 'ou-l3', 7, 'OU-L1'] }),
      hits: [
        { message: '"x-rules" entry "L2" is not a rule id (^OU-[A-Z]\\d+$).', path: `${OP}.x-rules.1` },
        { message: '"x-rules" entry "ou-l3" is not a rule id (^OU-[A-Z]\\d+$).', path: `${OP}.x-rules.2` },
        { message: '"x-rules" entry 7 is not a rule id (^OU-[A-Z]\\d+$).', path: `${OP}.x-rules.3` },
        { message: '"x-rules" lists OU-L1 twice.', path: `${OP}.x-rules.4` },
      ],
    },
  ])('fires: $title', async ({ doc, hits }) => {
    expect(await runRule(RULE, doc)).toEqual(hits.map((h) => ({ code: RULE, ...h })));
  });

  it('quiet on an operation with distinct well-formed ids', async () => {
    expect(await runRule(RULE, opDoc({ 'x-rules': ['OU-L1', 'OU-L2', 'OU-E1'] }))).toEqual([]);
  });

  it('quiet on contracts/ou-api.yaml', async () => {
    expect(await runRuleOnContract(RULE)).toEqual([]);
  });
});
