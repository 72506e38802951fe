/**
 * The core's DomainErrors in the OU API's terms: one typed error (one status) per kind, with
 * the OU API's wording added where it has its own (OU-D2's strategy hint, OU-E3's field names).
 */
import { DomainError, SnapshotError, type DomainField } from '../../mock/core/index.ts';
import { ConflictError, NotFoundError, ValidationError, type OuError } from '../../mock/http/typed-errors.ts';

/** What the OU API adds to a refused BLOCK delete: how to delete anyway (OU-D2). */
const STRATEGY_HINT = '; use MOVE_UP or CASCADE';

/** The OU API's body field for each neutral field. */
const WIRE_FIELD: Readonly<Record<DomainField, string>> = {
  name: 'name',
  description: 'description',
  parent: 'parent_id',
  code: 'code',
  externalId: 'external_id',
  attributes: 'custom_attributes',
  strategy: 'strategy',
  id: 'ou_id',
};

/**
 * A DomainError as the OU API's typed error (OU-E3, OU-E4).
 *
 * @example
 * toOuError(new DomainError('not_found', 'unit_not_found', 'OU "x" not found in tenant "acme"', 'id')).status; // 404
 */
export function toOuError(err: DomainError): OuError {
  if (err instanceof SnapshotError) return ValidationError.fromSnapshot(err);
  switch (err.kind) {
    case 'not_found':
      return new NotFoundError(err.message);
    case 'conflict':
      return new ConflictError(err.reason === 'has_children' || err.reason === 'has_users' ? err.message + STRATEGY_HINT : err.message);
    case 'invalid':
      return ValidationError.field(err.field === undefined ? ['body'] : ['body', WIRE_FIELD[err.field]], err.message, 'value_error');
  }
}

/** Runs a core call; its DomainErrors leave as the OU API's typed errors. */
export function ouErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof DomainError ? toOuError(e) : e;
  }
}
