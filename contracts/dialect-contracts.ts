import { fileURLToPath } from 'node:url';
import type { DialectId } from './functions/dialect.ts';

/**
 * Absolute paths of every dialect's contract (`info.x-ou-dialect` in each names its key).
 * The OU API's is also `CONTRACT_PATH` of `./index.ts`.
 *
 * @example
 * const { errors } = await lintContract(DIALECT_CONTRACT_PATHS.idaas);
 */
export const DIALECT_CONTRACT_PATHS: Readonly<Record<DialectId, string>> = {
  'ou-api': fileURLToPath(new URL('./ou-api.yaml', import.meta.url)),
  'orgunit-v2': fileURLToPath(new URL('./orgunit-v2.yaml', import.meta.url)),
  admanager: fileURLToPath(new URL('./admanager.yaml', import.meta.url)),
  idaas: fileURLToPath(new URL('./idaas.yaml', import.meta.url)),
};

export { DIALECT_IDS, DIALECT_MARKER, dialectOf } from './functions/dialect.ts';
export type { DialectId } from './functions/dialect.ts';
export type * as OrgunitV2 from './orgunit-v2.gen.ts';
export type * as Admanager from './admanager.gen.ts';
export type * as Idaas from './idaas.gen.ts';
