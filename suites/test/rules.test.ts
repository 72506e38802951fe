import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.ts';
import { BEHAVIOUR_DOC_PATH, parseRules, ruleCatalogue } from '../rules.ts';

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

  it('reads the behaviour document when present, else the built-in list; both hold the same ids', () => {
    const builtIn = ruleCatalogue('/nonexistent/behaviour.md');
    expect(builtIn.length).toBeGreaterThan(40);
    if (existsSync(BEHAVIOUR_DOC_PATH)) {
      const parsed = ruleCatalogue();
      expect(parsed.map((r) => [r.id, r.level])).toEqual(builtIn.map((r) => [r.id, r.level]));
    }
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
