import { asArray, asRecord, derefLocal, isRecord } from '../../functions/shape.ts';
import type { JsonObject } from '../../functions/shape.ts';
import { ADDITIVE } from '../compare.ts';
import type { DriftIssue } from '../compare.ts';
import { PageCoverage, compareExampleShape, examplesOf, findOperation, hasExample, isAdditive, mediaOf, parametersOf, unmarkedOperations } from '../contract-walk.ts';
import type { ContractOperation } from '../contract-walk.ts';
import { normalise } from '../seed-page.ts';
import type { V2Page, V2PageOperation, V2PageResponse } from './page.ts';

/**
 * Compares contracts/orgunit-v2.yaml with the seed 004 page. The page names no statuses
 * and no parameter or header names, so those are matched by their descriptions (which
 * the contract keeps verbatim); request and response examples must be examples of the
 * contract and their attributes properties of its schemas. The contract may add only what
 * it marks `x-ou-additive: true`.
 *
 * @example
 * const issues = compareV2WithContract(await loadV2Page(path), loadContract(DIALECT_CONTRACT_PATHS['orgunit-v2']));
 */
export function compareV2WithContract(page: V2Page, contract: JsonObject): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const info = asRecord(contract.info);
  if (info.title !== page.title) issues.push({ where: 'info.title', message: `is ${JSON.stringify(info.title)}, the page says ${JSON.stringify(page.title)}` });
  if (info.version !== page.version) issues.push({ where: 'info.version', message: `is ${JSON.stringify(info.version)}, the page says ${JSON.stringify(page.version)}` });

  const coverage = new PageCoverage();
  for (const pageOp of page.operations) {
    const where = `${pageOp.method} ${pageOp.path}`;
    const op = findOperation(contract, pageOp.method, pageOp.path);
    if (!op) issues.push({ where, message: 'operation of the seed page is missing from the contract' });
    else compareOperation(pageOp, op, contract, where, issues, coverage);
  }
  issues.push(...unmarkedOperations(contract, new Set(page.operations.map((o) => `${o.method} ${o.path}`))));
  issues.push(...coverage.unmarked(contract));
  return issues;
}

function compareOperation(pageOp: V2PageOperation, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[], coverage: PageCoverage): void {
  const description = typeof op.operation.description === 'string' ? normalise(op.operation.description) : '';
  if (description !== normalise(pageOp.description)) issues.push({ where, message: `description is ${JSON.stringify(description)}, the page says ${JSON.stringify(pageOp.description)}` });

  const params = parametersOf(contract, op);
  // Path parameters: named by the template, in order, described as the page describes them.
  const names = [...pageOp.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  names.forEach((name, i) => {
    const param = params.find((p) => p.in === 'path' && p.name === name);
    const at = `${where} › path parameter ${name}`;
    if (!param) issues.push({ where: at, message: 'parameter is missing from the contract' });
    else if (param.description !== pageOp.pathParameters[i]) issues.push({ where: at, message: `description is ${JSON.stringify(param.description)}, the page says ${JSON.stringify(pageOp.pathParameters[i])}` });
  });
  // Query parameters: the page gives descriptions only; each must describe one contract parameter, which the page does not make required.
  const query = params.filter((p) => p.in === 'query');
  for (const text of pageOp.queryParameters) {
    const param = query.find((p) => p.description === text);
    const at = `${where} › query parameter "${text}"`;
    if (!param) issues.push({ where: at, message: 'no query parameter of the contract has this description' });
    else if (param.required === true) issues.push({ where: at, message: `${String(param.name)} is required; the page does not say so` });
  }
  for (const p of params) {
    const onPage = p.in === 'path' ? names.includes(String(p.name)) : p.in === 'query' && pageOp.queryParameters.includes(String(p.description));
    if (!onPage && !isAdditive(contract, p)) issues.push({ where: `${where} › ${String(p.in)} parameter ${String(p.name)}`, message: `parameter is not on the seed page and not marked ${ADDITIVE}` });
  }

  compareRequestBody(pageOp, op, contract, where, issues, coverage);
  const matched = new Set<string>();
  for (const response of pageOp.responses) compareResponse(response, op, contract, where, matched, issues, coverage);
  for (const [status, raw] of Object.entries(asRecord(op.operation.responses))) {
    if (!matched.has(status) && !isAdditive(contract, raw)) issues.push({ where: `${where} › response ${status}`, message: `response is not on the seed page and not marked ${ADDITIVE}` });
  }
}

function compareRequestBody(pageOp: V2PageOperation, op: ContractOperation, contract: JsonObject, where: string, issues: DriftIssue[], coverage: PageCoverage): void {
  const at = `${where} › request body`;
  const body = asRecord(derefLocal(contract, op.operation.requestBody));
  const expected = pageOp.requestBody;
  if (!expected) {
    if (op.operation.requestBody !== undefined && !isAdditive(contract, op.operation.requestBody)) issues.push({ where: at, message: `the page has no request body and it is not marked ${ADDITIVE}` });
    return;
  }
  if (op.operation.requestBody === undefined) {
    issues.push({ where: at, message: 'request body of the seed page is missing from the contract' });
    return;
  }
  if ((body.required === true) !== expected.required) issues.push({ where: at, message: `required is ${body.required === true}, the page says ${expected.required}` });
  if (body.description !== expected.description) issues.push({ where: at, message: `description is ${JSON.stringify(body.description)}, the page says ${JSON.stringify(expected.description)}` });
  if (expected.example !== undefined) compareExample(expected.example, op.operation.requestBody, contract, at, issues, coverage);
}

function compareResponse(expected: V2PageResponse, op: ContractOperation, contract: JsonObject, where: string, matched: Set<string>, issues: DriftIssue[], coverage: PageCoverage): void {
  const at = `${where} › response "${expected.description}"`;
  const found = Object.entries(asRecord(op.operation.responses)).find(([, raw]) => asRecord(derefLocal(contract, raw)).description === expected.description);
  if (!found) {
    issues.push({ where: at, message: 'no response of the contract has this description' });
    return;
  }
  const [status, raw] = found;
  matched.add(status);
  if (expected.example !== undefined) compareExample(expected.example, raw, contract, at, issues, coverage);
  const headers = Object.entries(asRecord(asRecord(derefLocal(contract, raw)).headers)).map(([name, h]) => ({ name, description: asRecord(derefLocal(contract, h)).description, raw: h }));
  for (const text of expected.headers) {
    if (!headers.some((h) => h.description === text)) issues.push({ where: `${at} › header "${text}"`, message: 'no header of the response has this description' });
  }
  for (const h of headers) {
    if (!expected.headers.includes(String(h.description)) && !isAdditive(contract, h.raw)) issues.push({ where: `${at} › header ${h.name}`, message: `header is not on the seed page and not marked ${ADDITIVE}` });
  }
}

/** The page's example must be one of the contract's (or one item of a list example) and fit its schema. */
function compareExample(example: unknown, bodyOrResponse: unknown, contract: JsonObject, at: string, issues: DriftIssue[], coverage: PageCoverage): void {
  if (!hasExample(examplesOf(contract, bodyOrResponse), example)) issues.push({ where: at, message: `the page's example ${JSON.stringify(example)} is not an example of the contract` });
  const schema = asRecord(derefLocal(contract, mediaOf(contract, bodyOrResponse)?.schema));
  // A list response whose page example is one item: compare the item with the item schema.
  const target = asArray(schema.type).includes('array') || schema.type === 'array' ? (isRecord(example) ? schema.items : schema) : schema;
  compareExampleShape(contract, target, example, `${at} › example`, issues, coverage);
}
