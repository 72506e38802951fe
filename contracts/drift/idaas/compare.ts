import { isDeepStrictEqual } from 'node:util';
import { asArray, asRecord, derefLocal } from '../../functions/shape.ts';
import type { JsonObject } from '../../functions/shape.ts';
import { ADDITIVE } from '../compare.ts';
import type { DriftIssue } from '../compare.ts';
import { PageCoverage, admitsType, compareExampleShape, examplesOf, findOperation, hasExample, isAdditive, mediaOf, parametersOf, propertyOf, requiredOf, unmarkedOperations } from '../contract-walk.ts';
import type { ContractOperation } from '../contract-walk.ts';
import { normalise } from '../seed-page.ts';
import type { IdPage, IdPageParameter } from './page.ts';

/** Security scheme types that send `Authorization: Bearer <token>`. */
const BEARER_SCHEMES = (scheme: JsonObject): boolean =>
  scheme.type === 'oauth2' || scheme.type === 'openIdConnect' || (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer');

/**
 * Compares contracts/idaas.yaml with the seed 003 page (CreateOrganizationalUnit): the
 * route, operationId and summary; every parameter with its location, required flag, type,
 * description and example (the page's required Bearer `Authorization` as a security
 * requirement without an anonymous alternative); the body's required flag and each body
 * field; the response fields and the sample response. The other operations of the family
 * are not on the page and must be marked `x-ou-additive: true`.
 *
 * @example
 * const issues = compareIdWithContract(await loadIdPage(path), loadContract(DIALECT_CONTRACT_PATHS.idaas));
 */
export function compareIdWithContract(page: IdPage, contract: JsonObject): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const where = `${page.method} ${page.path}`;
  const op = findOperation(contract, page.method, page.path);
  if (!op) issues.push({ where, message: `operation ${page.operationName} of the seed page is missing from the contract` });
  else compareOperation(page, op, contract, where, issues);
  issues.push(...unmarkedOperations(contract, new Set([`${page.method} ${page.path}`])));
  return issues;
}

function compareOperation(page: IdPage, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  if (op.operation.operationId !== page.operationName) issues.push({ where, message: `operationId is ${JSON.stringify(op.operation.operationId ?? null)}, the page says ${page.operationName}` });
  if (op.operation.summary !== page.summary) issues.push({ where, message: `summary is ${JSON.stringify(op.operation.summary ?? null)}, the page says ${JSON.stringify(page.summary)}` });

  const params = parametersOf(contract, op);
  for (const p of page.parameters.filter((x) => x.in !== 'body')) {
    const at = `${where} › ${p.in} parameter ${p.name}`;
    if (p.in === 'header' && p.name === 'Authorization') {
      compareAuthorization(p, op, contract, at, issues);
      continue;
    }
    const param = params.find((c) => c.in === p.in && c.name === p.name);
    if (!param) {
      issues.push({ where: at, message: 'parameter is missing from the contract' });
      continue;
    }
    const schema = asRecord(derefLocal(contract, param.schema));
    compareValue(p, param.required === true, schema, [param.example, ...asArray(schema.examples)], param.description, at, contract, issues);
  }
  const pageNames = new Set(page.parameters.filter((x) => x.in !== 'body').map((x) => `${x.in} ${x.name}`));
  for (const c of params) {
    if (!pageNames.has(`${String(c.in)} ${String(c.name)}`) && !isAdditive(contract, c)) issues.push({ where: `${where} › ${String(c.in)} parameter ${String(c.name)}`, message: `parameter is not on the seed page and not marked ${ADDITIVE}` });
  }
  compareBody(page, op, contract, where, issues);
  compareResponse(page, op, contract, where, issues);
}

/** A required Bearer `Authorization` is a security requirement every alternative of which sends it. */
function compareAuthorization(p: IdPageParameter, op: ContractOperation, contract: JsonObject, at: string, issues: DriftIssue[]): void {
  const schemes = asRecord(asRecord(contract.components).securitySchemes);
  const requirements = asArray(op.operation.security ?? contract.security).map(asRecord);
  const anonymous = requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0);
  if (p.required && anonymous) issues.push({ where: at, message: 'the page requires it; the contract lets the operation be called without a token' });
  const notBearer = requirements.flatMap((r) => Object.keys(r)).filter((name) => !BEARER_SCHEMES(asRecord(schemes[name])));
  if (notBearer.length > 0 && /Bearer/.test(p.description)) issues.push({ where: at, message: `the page sends "Bearer <token>"; scheme ${notBearer.join(', ')} does not` });
}

/** What the page says of one value; `required` is absent where the page's table has no such column (response fields). */
type PageValue = Pick<IdPageParameter, 'type' | 'description' | 'example'> & { required?: boolean };

function compareValue(p: PageValue, required: boolean, schema: JsonObject, examples: unknown[], description: unknown, at: string, contract: JsonObject, issues: DriftIssue[]): void {
  if (p.required !== undefined && required !== p.required) issues.push({ where: at, message: `required is ${required}, the page says ${p.required}` });
  if (!admitsType(contract, schema, p.type === 'long' ? 'integer' : p.type)) issues.push({ where: at, message: `type does not admit ${p.type}, the page's type` });
  if (normalise(String(description ?? '')) !== normalise(p.description)) issues.push({ where: at, message: `description is ${JSON.stringify(description ?? null)}, the page says ${JSON.stringify(p.description)}` });
  if (p.example !== undefined && !examples.some((e) => isDeepStrictEqual(e, p.example))) issues.push({ where: at, message: `the page's example ${JSON.stringify(p.example)} is not among the contract's` });
}

function compareBody(page: IdPage, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  const at = `${where} › request body`;
  const fields = page.parameters.filter((x) => x.in === 'body');
  if (!page.body) return;
  if (op.operation.requestBody === undefined) {
    issues.push({ where: at, message: 'request body of the seed page is missing from the contract' });
    return;
  }
  const body = asRecord(derefLocal(contract, op.operation.requestBody));
  if ((body.required === true) !== page.body.required) issues.push({ where: at, message: `required is ${body.required === true}, the page says ${page.body.required}` });
  if (normalise(String(body.description ?? '')) !== normalise(page.body.description)) issues.push({ where: at, message: `description is ${JSON.stringify(body.description ?? null)}, the page says ${JSON.stringify(page.body.description)}` });
  const schema = mediaOf(contract, op.operation.requestBody)?.schema;
  const required = requiredOf(contract, schema);
  for (const field of fields) {
    const property = propertyOf(contract, schema, field.name);
    const fieldAt = `${at} › ${field.name}`;
    if (!property) issues.push({ where: fieldAt, message: 'field is missing from the contract' });
    else compareValue(field, required.has(field.name), property, [property.example, ...asArray(property.examples)], property.description, fieldAt, contract, issues);
  }
  const names = new Set(fields.map((f) => f.name));
  for (const [name, property] of Object.entries(asRecord(asRecord(derefLocal(contract, schema)).properties))) {
    if (!names.has(name) && !isAdditive(contract, property)) issues.push({ where: `${at} › ${name}`, message: `field is not on the seed page and not marked ${ADDITIVE}` });
  }
  // The page's example values, together, are the page's example request.
  const example = Object.fromEntries(fields.flatMap((f) => (f.example === undefined ? [] : [[f.name, f.example]])));
  if (!hasExample(examplesOf(contract, op.operation.requestBody), example)) issues.push({ where: at, message: `the page's example ${JSON.stringify(example)} is not an example of the contract` });
}

function compareResponse(page: IdPage, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  const at = `${where} › response 200`;
  const response = asRecord(op.operation.responses)['200'];
  if (response === undefined) {
    issues.push({ where: at, message: 'the page\'s success response is missing from the contract' });
    return;
  }
  const schema = mediaOf(contract, response)?.schema;
  const coverage = new PageCoverage();
  for (const field of page.responseFields) {
    coverage.see(asRecord(derefLocal(contract, schema)), field.name, at);
    const property = propertyOf(contract, schema, field.name);
    const fieldAt = `${at} › ${field.name}`;
    if (!property) issues.push({ where: fieldAt, message: 'field is missing from the contract' });
    else compareValue(field, requiredOf(contract, schema).has(field.name), property, [property.example, ...asArray(property.examples)], property.description, fieldAt, contract, issues);
  }
  if (page.sampleResponse !== undefined) {
    if (!hasExample(examplesOf(contract, response), page.sampleResponse)) issues.push({ where: at, message: `the page's sample ${JSON.stringify(page.sampleResponse)} is not an example of the contract` });
    compareExampleShape(contract, schema, page.sampleResponse, `${at} › sample`, issues, coverage);
  }
  issues.push(...coverage.unmarked(contract));
}
