import type { Format } from '@stoplight/spectral-core';
import { oas3_1 } from '@stoplight/spectral-formats';
import { asRecord } from './shape.ts';

/** The dialects a contract can declare in `info.x-ou-dialect` (`../shared/dialects/README.md`). */
export const DIALECT_IDS = ['ou-api', 'orgunit-v2', 'admanager', 'idaas'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

/** Where a contract names its dialect. */
export const DIALECT_MARKER = 'x-ou-dialect';

/**
 * The dialect a contract declares. No marker means the OU API, so every document written
 * before dialects existed (and every rule test) keeps the OU API's rules in force; a marker
 * that names no known dialect is caught by the `ou-dialect` rule, never silently exempt.
 */
export function dialectOf(document: unknown): string {
  const marker = asRecord(asRecord(document).info)[DIALECT_MARKER];
  return marker === undefined ? 'ou-api' : String(marker);
}

/**
 * A Spectral format matching OpenAPI 3.1 contracts of one dialect: a rule that carries it
 * runs only on that dialect's contracts (Spectral skips rules whose formats a document lacks).
 */
function dialectFormat(dialect: DialectId): Format {
  const format: Format = (document, source) => oas3_1(document, source) && dialectOf(document) === dialect;
  format.displayName = `OpenAPI 3.1 contract of the ${dialect} dialect`;
  return format;
}

export const ouApiContract = dialectFormat('ou-api');
export const orgunitV2Contract = dialectFormat('orgunit-v2');
export const admanagerContract = dialectFormat('admanager');
export const idaasContract = dialectFormat('idaas');
