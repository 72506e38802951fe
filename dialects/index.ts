/** The dialects the toolkit serves and verifies: one line each (see docs/architecture.md). */
import { idaasDialect } from './idaas/index.ts';
import { orgunitV2Dialect } from './orgunit-v2/index.ts';
import type { Dialect } from './types.ts';

export type { Dialect, DialectId } from './types.ts';

export const DIALECTS: readonly Dialect[] = [orgunitV2Dialect, idaasDialect];
