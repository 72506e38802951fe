import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The seed page behind each dialect contract, and the variable that points elsewhere. */
export const SEED_PAGES = {
  'orgunit-v2': { file: '004_388a0b4a795f9a20.txt', env: 'OU_SEED_ORGUNIT_V2' },
  admanager: { file: '002_16d7854a2a6d1d2d.txt', env: 'OU_SEED_ADMANAGER' },
  idaas: { file: '003_360af8bec5e1f50e.txt', env: 'OU_SEED_IDAAS' },
} as const;

export type SeededDialect = keyof typeof SEED_PAGES;

/** Where a dialect's seed page is: its environment variable, else `../shared/seeds/<file>` beside the repo. */
export function seedPagePath(dialect: SeededDialect, env: NodeJS.ProcessEnv = process.env): string {
  const { file, env: name } = SEED_PAGES[dialect];
  const override = env[name];
  return override ? resolve(override) : resolve(REPO_ROOT, '../shared/seeds', file);
}

/** True when the page can be read (drift tests skip, saying why, when not). */
export function seedPageExists(path: string): boolean {
  return existsSync(path);
}

/** A seed page that does not have the shape its parser reads; `line` is 1-based. */
export class SeedPageError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`seed page line ${line}: ${message}`);
    this.name = 'SeedPageError';
  }
}

/** Whitespace collapsed, ends trimmed: pages wrap text where contracts do not. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Parses one example of a page, naming its line when it is not JSON. */
export function parseExample(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedPageError(`example is not JSON: ${(error as Error).message}`, line);
  }
}

/** The behaviour page of a dialect (`../shared/dialects/<dialect>.md` beside the repo), which defines its rule ids. */
export function dialectPagePath(dialect: SeededDialect): string {
  return resolve(REPO_ROOT, '../shared/dialects', `${dialect}.md`);
}

/** The rule ids a behaviour page defines (`- V2-A1 MUST: …`), in page order. */
export function definedRuleIds(page: string): string[] {
  return [...page.matchAll(/^- ([A-Z0-9]+-[A-Z]\d+) (?:MUST|SHOULD)\b/gm)].map((m) => m[1] ?? '');
}
