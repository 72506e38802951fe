/** Every idaas check: one or more per MUST rule of idaas.md, ID-A2 as profile; post-pass checks last. */
import type { Check } from '../../../suites/check.ts';
import { authChecks } from './auth.ts';
import { createChecks } from './create.ts';
import { deleteChecks } from './delete.ts';
import { errorChecks } from './errors.ts';
import { lookupChecks } from './lookup.ts';
import { readChecks } from './read.ts';
import { updateChecks } from './update.ts';

export const IDAAS_CHECKS: readonly Check[] = Object.freeze(
  [...authChecks, ...createChecks, ...readChecks, ...updateChecks, ...deleteChecks, ...lookupChecks, ...errorChecks].sort((a, b) => Number(a.post === true) - Number(b.post === true)),
);
