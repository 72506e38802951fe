/**
 * The errors of the domain core, in neutral terms: no status codes and no wire wording. Each
 * dialect renders them in its own shape (dialects/<id>/render.ts).
 */
import type { DomainErrorKind, DomainField, DomainReason } from './units.ts';

/**
 * A domain failure in neutral terms (units.ts): a kind, a stable reason and the neutral field
 * at fault. No status code and no wire wording: each dialect renders it in its own shape.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly reason: DomainReason,
    message: string,
    readonly field?: DomainField,
  ) {
    super(message);
  }
}

/** Where in a snapshot document a problem is: keys and indexes from its top. */
export type SnapshotPath = ReadonlyArray<string | number>;

/** One problem of a snapshot: where, what, and a stable code for the kind of problem. */
export interface SnapshotIssue {
  at: SnapshotPath;
  message: string;
  code: string;
}

/** A snapshot (the mock's own persistence format) that cannot be loaded; nothing was changed. */
export class SnapshotError extends DomainError {
  readonly issues: readonly SnapshotIssue[];

  constructor(issues: readonly SnapshotIssue[]) {
    super('invalid', 'bad_value', issues.map((i) => `${i.at.join('.')}: ${i.message}`).join('; '));
    this.issues = issues;
  }

  static at(at: SnapshotPath, message: string, code = 'value_error'): SnapshotError {
    return new SnapshotError([{ at, message, code }]);
  }
}
