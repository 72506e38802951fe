/** The dialects the toolkit serves and verifies: one line each (see docs/architecture.md). */
import { admanagerDialect } from './admanager/index.ts';
import { ouApiDialect } from './ou-api/index.ts';
import type { Dialect } from './types.ts';

export type { Dialect, DialectId } from './types.ts';

export const DIALECTS: readonly Dialect[] = [
  // First: it renders what no dialect's paths come close to (the mock's historic 404).
  ouApiDialect,
  admanagerDialect,
];
