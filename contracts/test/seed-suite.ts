import { describe } from 'vitest';
import { SEED_PAGES, seedPageExists, seedPagePath } from '../drift/seed-page.ts';
import type { SeededDialect } from '../drift/seed-page.ts';
import { isRecord } from '../functions/shape.ts';
import type { JsonObject } from '../functions/shape.ts';

/** A suite that needs the dialect's seed page; without the page it is skipped, its title saying why. */
export function describeWithSeed(dialect: SeededDialect, title: string, body: (path: string) => void): void {
  const path = seedPagePath(dialect);
  const found = seedPageExists(path);
  describe.skipIf(!found)(found ? title : `${title} — SKIPPED: seed page not found at ${path} (set ${SEED_PAGES[dialect].env})`, () => body(path));
}

/** The object at `path` in a parsed contract (throws, naming the path, when there is none). */
export function node(doc: unknown, ...path: string[]): JsonObject {
  let current = doc;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  if (!isRecord(current)) throw new Error(`no object at ${path.join('.')}`);
  return current;
}
