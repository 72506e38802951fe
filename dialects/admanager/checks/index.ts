/** The admanager dialect's own checks: at least one per MUST rule of its page (and its SHOULDs as profile). */
import type { Check } from '../../../suites/check.ts';
import { otherDomainCheck, tokenCheck, writeScopeCheck } from './auth.ts';
import { errorShapeCheck } from './errors.ts';
import { columnsCheck, datesCheck, domainsCheck, fieldsCheck, filterCheck, metaCheck, sortCheck, windowCheck } from './list.ts';
import { itemsCheck, preventDeletionCheck, renameMoveCheck, targetsCheck } from './update.ts';

export const AD_CHECKS: readonly Check[] = [
  tokenCheck,
  otherDomainCheck,
  writeScopeCheck,
  errorShapeCheck,
  windowCheck,
  metaCheck,
  domainsCheck,
  fieldsCheck,
  columnsCheck,
  filterCheck,
  sortCheck,
  datesCheck,
  targetsCheck,
  itemsCheck,
  renameMoveCheck,
  preventDeletionCheck,
];
