/**
 * The contract model: load an OpenAPI 3.1 document, resolve its `$ref`s, list its
 * operations, route requests to them and compile its schemas, once per document. The mock,
 * the proxy, the suites and the lint functions all read contracts through this module,
 * whichever dialect's (or vendor's) contract it is.
 */
export { contractOf, type Contract } from './contract.ts';
export { asArray, asRecord, isJsonMediaType, isRecord, percentDecode, type JsonObject } from './json.ts';
export { ContractFileError, loadDocument, type OpenApiDocument } from './load.ts';
export {
  HTTP_METHODS,
  operationsOf,
  type DocumentedResponse,
  type JsonContent,
  type Operation,
  type Parameter,
  type ResponseHeader,
  type SchemaAt,
} from './operations.ts';
export { derefLocal, follow, fromPointer, lookup, RefError, resolveLocalRef, toPointer, type Located } from './resolve.ts';
export { createRouter, type RouteMatch, type RouteSpec, type Router } from './router.ts';
export {
  createAjv,
  documentSchemas,
  DOCUMENT_ID,
  formatErrors,
  sharedAjv,
  type AjvMode,
  type DocumentSchemas,
  type ErrorObject,
  type ValidateFunction,
} from './schemas.ts';
