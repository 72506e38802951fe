/** The dialects the toolkit serves and verifies: one line each (see docs/architecture.md). */
import { admanagerDialect } from './admanager/index.ts';
import type { Dialect } from './types.ts';

export type { Dialect, DialectId } from './types.ts';

export const DIALECTS: readonly Dialect[] = [admanagerDialect];
