import { existsSync, readFileSync } from 'node:fs';
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

/** The behaviour document beside the repository (`../shared/ou-api-behaviour.md`). */
export const BEHAVIOUR_DOC_PATH = fileURLToPath(new URL('../../shared/ou-api-behaviour.md', import.meta.url));

/** Used when the behaviour document is not beside the repository (an installed package). */
const BUILT_IN: ReadonlyArray<[string, Level, string]> = [
  ['OU-T1', 'core', 'nothing of one tenant is visible or changeable through another tenant\'s paths'],
  ['OU-H1', 'core', 'the OUs of a tenant form a forest'],
  ['OU-H2', 'profile', 'path is / followed by the names from the top-level ancestor down'],
  ['OU-H3', 'core', 'paths are consistent after every change'],
  ['OU-H4', 'core', 'sibling names are unique, case-insensitively'],
  ['OU-H5', 'core', 'a name is 1–255 characters after trimming and holds no /'],
  ['OU-H6', 'core', 'child_ou_count and user_count count direct children and users'],
  ['OU-E1', 'core', 'single objects and lists come in their envelopes'],
  ['OU-E2', 'profile', 'meta.request_id echoes X-Request-ID; meta.timestamp is RFC 3339'],
  ['OU-E3', 'core', 'schema violations answer 422 with HTTPValidationError'],
  ['OU-E4', 'core', 'other errors answer {"detail": …}; never 5xx'],
  ['OU-E5', 'core', 'a request that fails changes nothing'],
  ['OU-E6', 'profile', 'a body that cannot be read as JSON answers 422 with loc ["body", …]; a 400 with a JSON detail is acceptable at core'],
  ['OU-A1', 'core', 'missing or invalid tokens answer 401 with WWW-Authenticate: Bearer'],
  ['OU-A2', 'core', 'a token of another tenant answers 403 or 404'],
  ['OU-A3', 'profile', 'ous:read / ous:write scopes; a missing scope answers 403'],
  ['OU-L1', 'core', 'page/per_page defaults and bounds'],
  ['OU-L2', 'core', 'pagination math'],
  ['OU-L3', 'core', 'a page past the last answers 200 with empty data'],
  ['OU-L4', 'core', 'order is stable and total'],
  ['OU-L5', 'core', 'search is a case-insensitive plain-text substring match'],
  ['OU-L6', 'core', 'parent_id keeps the direct children'],
  ['OU-L7', 'core', 'without parent_id the list spans all OUs'],
  ['OU-C1', 'core', 'create answers 201 with the new OU'],
  ['OU-C2', 'core', 'an unknown parent_id answers 404 or 422'],
  ['OU-C3', 'core', 'custom_attributes are stored and returned as given'],
  ['OU-R1', 'core', 'the tree holds every OU once, under its parent, to full depth'],
  ['OU-R2', 'profile', 'tree siblings ordered by lower-cased name; leaves carry children: []'],
  ['OU-G1', 'core', 'get answers 200 with the OU, or 404'],
  ['OU-G2', 'profile', 'children lists the direct children as OUChildInfo'],
  ['OU-U1', 'core', 'only the fields present change'],
  ['OU-U2', 'core', 'moving an OU under itself or a descendant answers 409 or 422'],
  ['OU-U3', 'core', 'updated_at set on every update; created_at and id never change'],
  ['OU-D1', 'core', 'default strategy BLOCK; other values 422'],
  ['OU-D2', 'core', 'BLOCK refuses OUs with children or users'],
  ['OU-D3', 'core', 'MOVE_UP moves children and users to the parent'],
  ['OU-D4', 'core', 'CASCADE deletes the subtree and moves its users to the parent'],
  ['OU-D5', 'core', 'deleted ids answer 404 and vanish; parent counts follow'],
  ['OU-D6', 'core', 'deleting an unknown OU answers 404'],
  ['OU-S1', 'core', 'users paging follows OU-L1..L4'],
  ['OU-S2', 'core', 'include_nested lists direct or subtree users'],
  ['OU-S3', 'core', 'users of an unknown OU answer 404'],
  ['OU-S4', 'profile', 'user items carry id, email, display_name, ou_id; ordered by email'],
];

/**
 * The rules of the behaviour document, parsed from it when present (bullets
 * `- OU-X1 MUST: …`), else the built-in list; then the HARDENING pseudo-rule.
 */
export function ruleCatalogue(file: string = BEHAVIOUR_DOC_PATH): RuleInfo[] {
  return [...documentRules(file), HARDENING];
}

function documentRules(file: string): RuleInfo[] {
  if (existsSync(file)) {
    const parsed = parseRules(readFileSync(file, 'utf8'));
    if (parsed.length > 0) return parsed;
  }
  return BUILT_IN.map(([id, level, text]) => ({ id, level, text }));
}

/** Rules in a behaviour document: `- OU-L4 MUST: text…` with indented continuation lines. */
export function parseRules(markdown: string): RuleInfo[] {
  const rules: RuleInfo[] = [];
  let current: RuleInfo | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const bullet = /^\s*-\s+(OU-[A-Z]+\d+)(?:\s+(MUST|SHOULD))?\s*(?:`[^`]*`)?\s*:\s*(.*)$/.exec(line);
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
