import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from './json.ts';

/** A minimal view of a parsed OpenAPI 3.1 document: enough for the model to walk it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

/** A contract file that cannot be read or is not an OpenAPI document; the message names the file. */
export class ContractFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractFileError';
  }
}

const parsed = new Map<string, OpenApiDocument>();

/**
 * Parses a contract file (YAML or JSON) once per absolute path and returns that one object
 * to every caller, so the validators compiled for it are shared too. Treat it as read-only:
 * a caller that mutates (openapi-backend dereferences in place) takes a `structuredClone`.
 *
 * @example
 * const doc = loadDocument('contracts/idaas.yaml');
 * operationsOf(doc).map((op) => op.id);
 */
export function loadDocument(file: string): OpenApiDocument {
  const absolute = resolve(file);
  let doc = parsed.get(absolute);
  if (doc === undefined) {
    doc = parseDocument(readContract(absolute), absolute);
    parsed.set(absolute, doc);
  }
  return doc;
}

function readContract(absolute: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ContractFileError(absolute, `Cannot read contract ${absolute}: ${reason}`);
  }
}

function parseDocument(text: string, absolute: string): OpenApiDocument {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new ContractFileError(absolute, `Cannot parse contract ${absolute}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(value) || !isRecord(value['paths'])) {
    throw new ContractFileError(absolute, `Cannot use contract ${absolute}: not an OpenAPI document (no "paths" mapping)`);
  }
  return value as OpenApiDocument;
}
