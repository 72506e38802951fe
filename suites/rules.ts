import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Level } from './model.ts';

/** One normative rule of the behaviour document. */
export interface RuleInfo {
  id: string;
  /** MUST = core, SHOULD = profile; a rule without a keyword is core; HARDENING alone is hardening. */
  level: Level;
  text: string;
}

/**
 * The pseudo-rule of the `hardening` level: what no rule of the behaviour document nor
 * the reference page sets — limits (request body size, URL and header length, rate) and
 * HTTP hygiene (405 with Allow). Checks of it are reported with their own verdict and
 * never fail `core` or `profile`, nor the gate.
 */
export const HARDENING: RuleInfo = {
  id: 'HARDENING',
  level: 'hardening',
  text: 'what no rule sets is handled gracefully: requests over limits (body size, URL and header length) are accepted or refused with a JSON detail; undocumented methods answer 405 with Allow',
};

/**
 * The behaviour document, a copy of `../shared/ou-api-behaviour.md` kept in the package (an
 * installed package has no `../shared`); test/behaviour-copy.test.ts fails when the two differ.
 */
export const BEHAVIOUR_DOC_PATH = fileURLToPath(new URL('../contracts/behaviour/ou-api-behaviour.md', import.meta.url));

/**
 * The rules of a behaviour document (bullets `- OU-X1 MUST: …`, or any dialect's prefix:
 * `- V2-L1 MUST: …`, `- AD-U2 …`, `- ID-C3 …`), then the HARDENING pseudo-rule. The document ships with the package, so one that is missing or holds no
 * rule is an error, not a reason to judge by another list.
 */
export function ruleCatalogue(file: string = BEHAVIOUR_DOC_PATH): RuleInfo[] {
  return [...documentRules(file), HARDENING];
}

function documentRules(file: string): RuleInfo[] {
  const parsed = parseRules(readFileSync(file, 'utf8'));
  if (parsed.length === 0) throw new Error(`the behaviour document ${file} holds no rule (bullets "- OU-X1 MUST: …", "- V2-L1 MUST: …")`);
  return parsed;
}

/** Rules in a behaviour document: `- OU-L4 MUST: text…` (any prefix: `V2-`, `AD-`, `ID-`) with indented continuation lines. */
export function parseRules(markdown: string): RuleInfo[] {
  const rules: RuleInfo[] = [];
  let current: RuleInfo | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const bullet = /^\s*-\s+([A-Z][A-Z0-9]{0,3}-[A-Z]+\d+)(?:\s+(MUST|SHOULD))?\s*(?:`[^`]*`)?\s*:\s*(.*)$/.exec(line);
    if (bullet !== null) {
      current = { id: bullet[1] as string, level: bullet[2] === 'SHOULD' ? 'profile' : 'core', text: (bullet[3] ?? '').trim() };
      if (!rules.some((r) => r.id === current?.id)) rules.push(current);
      continue;
    }
    if (current !== undefined && /^\s{2,}\S/.test(line) && !/^\s*-\s/.test(line)) current.text = `${current.text} ${line.trim()}`;
    else current = undefined;
  }
  return rules;
}
