/**
 * Reading a request's parameters. The host has validated them against the contract; these
 * readers hold the same line when a handler is called directly (tests, auth off) and give
 * the same failure, a RequestIssue naming the parameter (400 `InvalidParameter.<Field>`).
 */
import { HostError } from '../types.ts';
import type { DialectRequest, RequestIssue } from '../types.ts';

function refuse(part: RequestIssue['in'], key: string, keyword: string, message: string): never {
  throw new HostError({ kind: 'invalid_request', issues: [{ in: part, loc: [key], keyword, message }] });
}

/** The JSON body as an object; no body reads as `{}` (its required fields then name themselves). */
export function bodyOf(req: DialectRequest): Record<string, unknown> {
  if (req.body === undefined) return {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new HostError({ kind: 'invalid_request', issues: [{ in: 'body', loc: [], keyword: 'type', message: 'the body must be a JSON object' }] });
  }
  return req.body as Record<string, unknown>;
}

/** A required non-empty string parameter of the body. */
export function requiredString(body: Readonly<Record<string, unknown>>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) return refuse('body', key, 'required', `${key} is required`);
  if (typeof value !== 'string') return refuse('body', key, 'type', `${key} must be a string`);
  if (value === '') return refuse('body', key, 'minLength', `${key} must not be empty`);
  return value;
}

/** An optional string parameter of the body; `null` counts as not given (idaas.md ID-U1). */
export function optionalString(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return refuse('body', key, 'type', `${key} must be a string`);
  return value;
}

/** A required non-empty query parameter. */
export function requiredQuery(req: DialectRequest, key: string): string {
  const value = req.query[key];
  if (value === undefined || value === '') return refuse('query', key, 'required', `${key} is required`);
  if (typeof value !== 'string') return refuse('query', key, 'type', `${key} must be a string`);
  return value;
}

/** An integer query parameter in [min, max] (`max` undefined: no upper bound), `fallback` when absent. */
export function integerQuery(req: DialectRequest, key: string, fallback: number, min: number, max?: number): number {
  const raw = req.query[key];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return refuse('query', key, 'type', `${key} must be an integer`);
  if (value < min) return refuse('query', key, 'minimum', `${key} must be at least ${min}`);
  if (max !== undefined && value > max) return refuse('query', key, 'maximum', `${key} must be at most ${max}`);
  return value;
}
