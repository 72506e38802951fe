import type { Check } from '../check.ts';
import { authChecks } from './auth.ts';
import { createChecks } from './create.ts';
import { deleteChecks } from './delete.ts';
import { envelopeChecks } from './envelope.ts';
import { genericChecks } from './generic.ts';
import { getUpdateChecks } from './get-update.ts';
import { hardeningChecks } from './hardening.ts';
import { hierarchyChecks } from './hierarchy.ts';
import { listFilterChecks } from './list-filters.ts';
import { paginationChecks } from './pagination.ts';
import { postChecks } from './post.ts';
import { usersListChecks } from './users-list.ts';
import { validationChecks } from './validation.ts';

/** Every check of the suite, as data; post-pass checks last. */
export const CHECKS: readonly Check[] = Object.freeze([
  ...authChecks,
  ...envelopeChecks,
  ...validationChecks,
  ...createChecks,
  ...getUpdateChecks,
  ...hierarchyChecks,
  ...paginationChecks,
  ...listFilterChecks,
  ...deleteChecks,
  ...usersListChecks,
  ...hardeningChecks,
  ...genericChecks,
  ...postChecks,
]);
