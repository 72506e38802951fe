/**
 * The Dialect seam: what one OU API ("dialect") brings to the toolkit. The mock host, the
 * verifier and the reports know dialects only through this interface; a dialect knows the
 * domain core only through `UnitsApi` (mock/core/units.ts). Adding a dialect = one folder
 * under dialects/ exporting a `Dialect`, plus one line in dialects/index.ts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Directory } from '../mock/core/index.ts';
import type { DomainError } from '../mock/core/errors.ts';
import type { UnitsApi } from '../mock/core/units.ts';
import type { Check } from '../suites/check.ts';
import type { Exchange } from '../suites/exchange.ts';
import type { RequestSpec } from '../suites/client.ts';
import type { Auth } from '../suites/tokens.ts';

export type DialectId = 'ou-api' | 'orgunit-v2' | 'admanager' | 'idaas';

/** Verified token claims, as every dialect shares them (HS256: tenant_id, scope, exp). */
export interface Claims {
  tenantId: string;
  scopes: readonly string[];
}

/** A request after routing and contract validation (values coerced by the contract's schemas). */
export interface DialectRequest {
  operationId: string;
  method: string;
  pathname: string;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, unknown>>;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when none was sent. */
  body: unknown;
  requestId: string;
  /** Undefined when the mock runs with auth off. */
  claims: Claims | undefined;
}

/** What a dialect answers; the host writes it (JSON when `body` is not undefined). */
export interface DialectResponse {
  status: number;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  /** Write the body in chunks (an answer of unbounded size or depth, e.g. a whole tree), so it never stalls other requests. */
  stream?: boolean;
}

/** One field problem found by contract validation, in the request's own terms. */
export interface RequestIssue {
  in: 'path' | 'query' | 'header' | 'body';
  /** Keys from the top of that part (`['per-page']`, `['filter', 'name']`); [] = the part itself. */
  loc: ReadonlyArray<string | number>;
  message: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `maximum`, `additionalProperties`, ...). */
  keyword: string;
}

/** Failures the host finds before (or around) a handler; the dialect renders each in its shape. */
export type HostFailure = (
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string; reason: 'scope' | 'tenant' }
  | { kind: 'route_not_found' }
  | { kind: 'method_not_allowed'; allow: readonly string[] }
  | { kind: 'too_large'; limitBytes: number }
  | { kind: 'unsupported_media_type' }
  | { kind: 'malformed_body'; message: string }
  | { kind: 'invalid_request'; issues: readonly RequestIssue[] }
  | { kind: 'tenant_not_found'; tenantId: string }
  | { kind: 'unavailable'; retryAfterS: number }
  /**
   * A fault injected by the admin API or `Prefer: code=N` without a documented body; `message`
   * (e.g. the Prefer refusal naming the valid examples) goes where the dialect's error shape carries text.
   */
  | { kind: 'injected'; status: number; message?: string }
) & {
  /**
   * The host's own typed error behind the failure, when there is one (mock/http/typed-errors.ts):
   * a dialect that answers in the mock's historic shape (ou-api) renders it word for word.
   */
  readonly source?: Error;
};

/** Thrown by a dialect's `tenantOf` or handlers to answer a host failure (e.g. AD's unknown domain). */
export class HostError extends Error {
  constructor(readonly failure: HostFailure) {
    super(failure.kind);
  }
}

/** What a handler may use besides the tenant's UnitsApi. */
export interface DialectEnv {
  /** The whole state: tenant lookups (e.g. which tenant owns a domain). Never hand one tenant's data to another. */
  directory: Directory;
  clock: () => Date;
  /** The dialect's own defect switches that are on (test-only; see `Dialect.defects`). */
  defects: ReadonlySet<string>;
}

export type DialectHandler = (api: UnitsApi, req: DialectRequest, env: DialectEnv) => DialectResponse;

/** The mock side of a dialect. */
export interface DialectMock {
  /** The credential of the request, as this dialect carries it (`Bearer x`, AD's bare `Authorization: x`); undefined = none. */
  credential(headers: IncomingHttpHeaders): string | undefined;
  /**
   * The tenant the request addresses (path, domain, instance), or undefined when it names
   * none (the token's tenant is used). The host refuses a tenant other than the token's
   * (`forbidden`, reason `tenant`). May throw HostError (AD: an unknown domain is a 400).
   */
  tenantOf(req: DialectRequest, env: DialectEnv): string | undefined;
  /** By operationId; every operation of the contract has one. */
  handlers: Readonly<Record<string, DialectHandler>>;
  /** Operations that change state (they run through the write-ahead log and notify listeners). */
  writes: ReadonlySet<string>;
  /**
   * Renders a host failure or a DomainError of the core in this dialect's error shape and status;
   * `env` carries the dialect's defect switches (some break the error shape itself).
   */
  renderError(err: HostFailure | DomainError, req: DialectRequest | undefined, env?: DialectEnv): DialectResponse;
}

/** A unit as a driver reads it back from any dialect. */
export interface DriverUnit {
  id: string;
  name: string;
  /** null = top level (idaas: the instance root's children report the root here: see `Driver.topParent`). */
  parentId: string | null;
  description: string | null;
}

/** A driver call: the exchange always; `value` only when the answer was the dialect's success. */
export interface DriverResult<T> {
  ex: Exchange;
  value?: T;
}

export type ErrorClass = 'not_found' | 'conflict' | 'invalid' | 'unauthorized' | 'forbidden';

/**
 * Neutral operations turned into one dialect's requests, so shared checks (hierarchy,
 * isolation, use-after-free, auth, negative data) run against any dialect.
 */
export interface Driver {
  readonly tenantId: string;
  /** The parent id that means "top level" for `create` (null; idaas: the root OU id). */
  readonly topParent: string | null;
  create(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverResult<DriverUnit>>;
  get(id: string): Promise<DriverResult<DriverUnit>>;
  /** Renames (and, with the `move` capability, moves) a unit. */
  update(id: string, patch: { name?: string; description?: string | null; parentId?: string | null }): Promise<DriverResult<DriverUnit>>;
  /** Every direct child of `parentId` (all pages). */
  children(parentId: string | null): Promise<DriverResult<DriverUnit[]>>;
  /** Deletes a unit; `subtree: true` removes what is below it too (force/cascade) where the dialect can. */
  delete(id: string, opts?: { subtree?: boolean }): Promise<DriverResult<true>>;
  /** Whether the exchange is this dialect's answer of that class (status and error shape). */
  isError(ex: Exchange, cls: ErrorClass): boolean;
  /** The same driver with another credential, optionally addressing another tenant. */
  as(auth: Auth, tenantId?: string): Driver;
  /** A raw request (for negative data), recorded like every other. */
  send(spec: Omit<RequestSpec, 'auth'> & { auth?: Auth }): Promise<Exchange>;
}

export interface Capabilities {
  /** The dialect can move a unit to another parent. */
  move: boolean;
  /** Users are visible through this dialect. */
  users: boolean;
  /** Deleting a unit with children is possible (force/cascade). */
  subtreeDelete: boolean;
  /** The tenant is named in the request (path, domain, instance); false = token only. */
  tenantInRequest: boolean;
}

/** Options of `verify --dialect X` that only some dialects read. */
export interface DriverOptions {
  /** idaas: the vendor's root OU id (`ou_root` on the mock). */
  rootOu?: string;
  /** idaas: the application id the requests name (`/v2/{instanceId}/{applicationId}/…`; default `app_ou_contract`). */
  applicationId?: string;
  /** admanager: the tenant's domain (default `<tenant>.example.com`). */
  domain?: string;
}

/** The checks every dialect gets through its driver (suites/shared-checks/). */
export type SharedCheckKind = 'hierarchy' | 'isolation' | 'use_after_free' | 'auth' | 'schema' | 'negative_data';

/** The verifier side of a dialect. */
export interface DialectVerify {
  driver(send: (spec: RequestSpec) => Promise<Exchange>, tenantId: string, auth: Auth, opts: DriverOptions): Driver;
  /** The dialect's own checks (one or more per MUST rule); shared checks are added by the runner. */
  checks: readonly Check[];
  capabilities: Capabilities;
  /**
   * The rule of this dialect each shared check judges (e.g. `{ auth: 'V2-A1', use_after_free: 'V2-G1' }`);
   * a shared check without one is skipped for the dialect, saying so.
   */
  sharedRules?: Partial<Record<SharedCheckKind, string>>;
}

export interface Dialect {
  id: DialectId;
  title: string;
  /** Absolute path of the contract (OpenAPI 3.1 YAML) shipped in the package. */
  contractFile: string;
  /** Absolute path of the behaviour page shipped in the package: the rule catalogue of a run. */
  behaviourFile: string;
  /** Rule id prefix, e.g. `V2`. */
  rulePrefix: string;
  /** Test-only defect switches of this dialect's layer: name -> the one rule it breaks. */
  defects: Readonly<Record<string, { rule: string; what: string }>>;
  mock: DialectMock;
  verify: DialectVerify;
}
