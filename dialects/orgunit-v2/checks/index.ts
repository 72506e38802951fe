/** The `V2-…` checks of `verify --dialect orgunit-v2`: one or more per MUST rule, and the cheap SHOULDs. */
import type { Check } from '../../../suites/check.ts';
import { authChecks } from './auth.ts';
import { deleteChecks } from './delete.ts';
import { errorChecks } from './errors.ts';
import { listingChecks } from './listing.ts';
import { unitChecks } from './units.ts';

export const V2_CHECKS: readonly Check[] = [...authChecks, ...errorChecks, ...listingChecks, ...unitChecks, ...deleteChecks];
