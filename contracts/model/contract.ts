import type { OpenApiDocument } from './load.ts';
import { operationsOf, type Operation } from './operations.ts';
import { createRouter, type Router } from './router.ts';
import { documentSchemas, type DocumentSchemas } from './schemas.ts';

/** A document with everything the mock, the proxy and the suites read from it, built once. */
export interface Contract {
  readonly document: OpenApiDocument;
  /** Paths in document order, methods in `HTTP_METHODS` order. */
  readonly operations: readonly Operation[];
  /** By `Operation.id` (the operationId when there is one). */
  operation(id: string): Operation | undefined;
  readonly router: Router<Operation>;
  /** Validators without coercion, for bodies and headers as they were sent. */
  readonly schemas: DocumentSchemas;
}

const cache = new WeakMap<object, Contract>();

/**
 * The contract model of a document, one per document object.
 *
 * @throws RefError when a `$ref` the operations need is remote or names nothing
 * @example
 * const contract = contractOf(loadDocument(DIALECT_CONTRACT_PATHS['orgunit-v2']));
 * const m = contract.router.match('GET', '/v2/org-unit/view/42');
 * if (m.kind === 'route') contract.schemas.at(m.value.responses.get('200')?.json?.schema?.pointer);
 */
export function contractOf(document: OpenApiDocument): Contract {
  let contract = cache.get(document);
  if (contract === undefined) {
    const operations = operationsOf(document);
    const byId = new Map(operations.map((op) => [op.id, op]));
    contract = {
      document,
      operations,
      operation: (id) => byId.get(id),
      router: createRouter(operations.map((op) => ({ template: op.pathTemplate, method: op.method, value: op }))),
      // Compiled on first use: the mock's adapter never needs them.
      get schemas() {
        return documentSchemas(document);
      },
    };
    cache.set(document, contract);
  }
  return contract;
}
