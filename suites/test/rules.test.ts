import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { parseRules, ruleCatalogue } from '../rules.ts';

describe('rule catalogue', () => {
  it('parses ids, levels and text of the behaviour bullets, continuation lines included', () => {
    const rules = parseRules(
      [
        '- **Tenant** — intro',
        '  - OU-T1 MUST: nothing of one tenant',
        '    is visible.',
        '- OU-H2 SHOULD: `path` is …',
        '- OU-D2 MUST `BLOCK`: if the OU has child OUs, 409.',
        '- OU-L7: without parent_id the list spans all OUs.',
        '',
        'Not a rule: OU-X9 MUST be ignored',
      ].join('\n'),
    );
    expect(rules).toEqual([
      { id: 'OU-T1', level: 'core', text: 'nothing of one tenant is visible.' },
      { id: 'OU-H2', level: 'profile', text: '`path` is …' },
      { id: 'OU-D2', level: 'core', text: 'if the OU has child OUs, 409.' },
      { id: 'OU-L7', level: 'core', text: 'without parent_id the list spans all OUs.' },
    ]);
  });

  it("parses every dialect's rule ids (V2-, AD-, ID-, any short prefix), not only the OU API's", () => {
    const rules = parseRules(['- V2-L1 MUST: page ≥ 1.', '- AD-U2 MUST: each target', '  gets one item.', '- ID-A2 SHOULD: scope.', '- TD-X10 MUST: ten.', '- toolong-A1 MUST: no'].join('\n'));
    expect(rules.map((r) => [r.id, r.level, r.text])).toEqual([
      ['V2-L1', 'core', 'page ≥ 1.'],
      ['AD-U2', 'core', 'each target gets one item.'],
      ['ID-A2', 'profile', 'scope.'],
      ['TD-X10', 'core', 'ten.'],
    ]);
  });

  it('reads the shipped behaviour document; a missing or rule-less document is an error naming it, never another list', () => {
    const rules = ruleCatalogue();
    expect(rules.length).toBeGreaterThan(40);
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['OU-T1', 'OU-E6', 'OU-S4', 'HARDENING']));
    expect(rules.find((r) => r.id === 'OU-E6')?.level).toBe('profile');
    expect(() => ruleCatalogue('/nonexistent/behaviour.md')).toThrow('/nonexistent/behaviour.md');
    const empty = join(mkdtempSync(join(tmpdir(), 'ou-rules-')), 'empty.md');
    writeFileSync(empty, '# no rules here\n');
    expect(() => ruleCatalogue(empty)).toThrow(`the behaviour document ${empty} holds no rule`);
  });

  it('every MUST rule has a core check, and every SHOULD rule a check', () => {
    for (const rule of ruleCatalogue()) {
      const checks = CHECKS.filter((c) => c.rules.includes(rule.id));
      expect(checks.length, `${rule.id} has a check`).toBeGreaterThan(0);
      if (rule.level === 'core') expect(checks.some((c) => c.level === 'core'), `${rule.id} has a core check`).toBe(true);
    }
  });

  it('checks are well-formed data: unique ids, known rules, a level, a title', () => {
    const known = new Set(ruleCatalogue().map((r) => r.id));
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
    for (const c of CHECKS) {
      expect(c.rules.length, c.id).toBeGreaterThan(0);
      for (const r of c.rules) expect(known.has(r), `${c.id} names ${r}`).toBe(true);
      expect(['core', 'profile', 'hardening']).toContain(c.level);
      expect(c.title.length).toBeGreaterThan(10);
    }
  });
});
