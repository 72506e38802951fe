import { asArray, asRecord, derefLocal } from '../../functions/shape.ts';
import type { JsonObject } from '../../functions/shape.ts';
import { ADDITIVE } from '../compare.ts';
import type { DriftIssue } from '../compare.ts';
import { PageCoverage, admitsType, compareExampleShape, examplesOf, findOperation, hasExample, isAdditive, mediaOf, parametersOf, propertyOf, requiredOf, unmarkedOperations } from '../contract-walk.ts';
import type { ContractOperation } from '../contract-walk.ts';
import type { AdPage, AdPageEntry, AdPageOperation } from './page.ts';

/**
 * Compares contracts/admanager.yaml with the seed 002 page: each operation (method and
 * path of its curl example, title as summary), every query parameter and header (name,
 * required, type), every body argument (place, type, required), every header the curl
 * example sends, and every example body (request and responses) as an example of the
 * contract whose attributes its schemas have. The contract may add only what it marks
 * `x-ou-additive: true`.
 *
 * @example
 * const issues = compareAdWithContract(await loadAdPage(path), loadContract(DIALECT_CONTRACT_PATHS.admanager));
 */
export function compareAdWithContract(page: AdPage, contract: JsonObject): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const coverage = new PageCoverage();
  for (const pageOp of page.operations) {
    const { method, path } = pageOp.request;
    const where = `${method} ${path}`;
    const op = findOperation(contract, method, path);
    if (!op) issues.push({ where, message: `operation "${pageOp.title}" of the seed page is missing from the contract` });
    else compareOperation(pageOp, op, contract, where, issues, coverage);
  }
  issues.push(...unmarkedOperations(contract, new Set(page.operations.map((o) => `${o.request.method} ${o.request.path}`))));
  issues.push(...coverage.unmarked(contract));
  return issues;
}

function compareOperation(pageOp: AdPageOperation, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[], coverage: PageCoverage): void {
  if (op.operation.summary !== pageOp.title) issues.push({ where, message: `summary is ${JSON.stringify(op.operation.summary ?? null)}, the page says ${JSON.stringify(pageOp.title)}` });
  const params = parametersOf(contract, op);
  const find = (location: string, name: string): JsonObject | undefined =>
    params.find((p) => p.in === location && (location === 'header' ? String(p.name).toLowerCase() === name.toLowerCase() : p.name === name));

  for (const [location, entries] of [['query', pageOp.query], ['header', pageOp.headers]] as const) {
    for (const entry of entries) {
      const name = entry.path.join('.');
      const at = `${where} › ${location} parameter ${name}`;
      const param = find(location, name);
      if (!param) issues.push({ where: at, message: 'parameter is missing from the contract' });
      else compareEntry(entry, param.required === true, asRecord(derefLocal(contract, param.schema)), contract, at, issues);
    }
  }
  for (const p of params) {
    const pageNames = (p.in === 'query' ? pageOp.query : pageOp.headers).map((e) => e.path.join('.').toLowerCase());
    const onPage = (p.in === 'query' || p.in === 'header') && pageNames.includes(String(p.name).toLowerCase());
    if (!onPage && !isAdditive(contract, p)) issues.push({ where: `${where} › ${String(p.in)} parameter ${String(p.name)}`, message: `parameter is not on the seed page and not marked ${ADDITIVE}` });
  }

  compareCurl(pageOp, op, contract, find, where, issues, coverage);
  compareArguments(pageOp, op, contract, where, issues, coverage);
  compareResponseExamples(pageOp, op, contract, where, issues, coverage);
}

function compareEntry(entry: AdPageEntry, required: boolean, schema: JsonObject, contract: JsonObject, at: string, issues: DriftIssue[]): void {
  if (required !== entry.required) issues.push({ where: at, message: `required is ${required}, the page says ${entry.required}` });
  if (!admitsType(contract, schema, entry.type)) issues.push({ where: at, message: `type does not admit ${entry.type}, the page's type` });
}

/** Everything the curl example sends must be something the contract describes. */
function compareCurl(
  pageOp: AdPageOperation,
  op: ContractOperation,
  contract: JsonObject,
  find: (location: string, name: string) => JsonObject | undefined,
  where: string,
  issues: DriftIssue[],
  coverage: PageCoverage,
): void {
  const at = `${where} › the page's curl example`;
  for (const name of Object.keys(pageOp.request.query)) {
    if (!find('query', name)) issues.push({ where: at, message: `sends query parameter ${name}, which the contract lacks` });
  }
  const headerSchemes = apiKeyHeaders(contract, op);
  const mediaTypes = Object.keys(asRecord(asRecord(derefLocal(contract, op.operation.requestBody)).content)).map((m) => m.toLowerCase());
  for (const [name, value] of Object.entries(pageOp.request.headers)) {
    const lower = name.toLowerCase();
    const described = find('header', name) ?? (headerSchemes.has(lower) || (lower === 'content-type' && mediaTypes.includes(value.toLowerCase())));
    if (!described) issues.push({ where: at, message: `sends header ${name}: ${value}, which the contract does not describe` });
  }
  if (pageOp.request.body !== undefined) compareRequestExample(pageOp.request.body, op, contract, at, issues, coverage);
  if (pageOp.bodyExample !== undefined) compareRequestExample(pageOp.bodyExample, op, contract, `${where} › the page's body example`, issues, coverage);
}

/** Lower-cased header names of the apiKey schemes the operation may use. */
function apiKeyHeaders(contract: JsonObject, op: ContractOperation): Set<string> {
  const schemes = asRecord(asRecord(contract.components).securitySchemes);
  const requirements = asArray(op.operation.security ?? contract.security);
  const names = new Set<string>();
  for (const requirement of requirements) {
    for (const key of Object.keys(asRecord(requirement))) {
      const scheme = asRecord(schemes[key]);
      if (scheme.type === 'apiKey' && scheme.in === 'header') names.add(String(scheme.name).toLowerCase());
    }
  }
  return names;
}

function compareRequestExample(example: unknown, op: ContractOperation, contract: JsonObject, at: string, issues: DriftIssue[], coverage: PageCoverage): void {
  if (op.operation.requestBody === undefined) {
    issues.push({ where: at, message: 'sends a body; the contract has no request body' });
    return;
  }
  if (!hasExample(examplesOf(contract, op.operation.requestBody), example)) issues.push({ where: at, message: `body ${JSON.stringify(example)} is not an example of the contract` });
  compareExampleShape(contract, mediaOf(contract, op.operation.requestBody)?.schema, example, `${at} › body`, issues, coverage);
}

/**
 * Each argument is a property at its place in the request body, of its type. Requiredness
 * is compared for leaves only: the page marks no argument required, while the behaviour
 * page answers a body of another shape than `{data: {attributes}}` with 400, so the
 * contract requires the two containers.
 */
function compareArguments(pageOp: AdPageOperation, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[], coverage: PageCoverage): void {
  if (pageOp.arguments.length === 0) return;
  const root = mediaOf(contract, op.operation.requestBody)?.schema;
  for (const entry of pageOp.arguments) {
    const at = `${where} › body argument ${entry.path.join('.')}`;
    let parent: unknown = root;
    let schema: JsonObject | undefined;
    for (const name of entry.path) {
      coverage.see(asRecord(derefLocal(contract, parent)), name, `${where} › body argument ${entry.path.slice(0, -1).join('.') || '(body)'}`);
      schema = propertyOf(contract, parent, name);
      if (!schema) break;
      if (name !== entry.path[entry.path.length - 1]) parent = schema;
    }
    const name = entry.path[entry.path.length - 1] ?? '';
    if (!schema) issues.push({ where: at, message: 'argument is missing from the contract' });
    else if (entry.type === 'object') {
      if (!admitsType(contract, schema, 'object')) issues.push({ where: at, message: 'type does not admit object, the page\'s type' });
    } else compareEntry(entry, requiredOf(contract, parent).has(name), schema, contract, at, issues);
  }
}

/** Every response example of the page is an example of some response of the operation, and fits that response's schema. */
function compareResponseExamples(pageOp: AdPageOperation, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[], coverage: PageCoverage): void {
  const responses = Object.entries(asRecord(op.operation.responses));
  pageOp.responseExamples.forEach((example, i) => {
    const at = `${where} › response example ${i + 1}`;
    const found = responses.find(([, raw]) => hasExample(examplesOf(contract, raw), example));
    if (!found) issues.push({ where: at, message: `${JSON.stringify(example)} is not an example of any response of the contract` });
    else compareExampleShape(contract, mediaOf(contract, found[1])?.schema, example, `${at} (${found[0]})`, issues, coverage);
  });
}
