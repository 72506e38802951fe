/** The domain core of the stateful mock: neutral commands and queries, no HTTP and no wire format here. */
export { Directory } from './directory.ts';
export type { DirectoryOptions } from './directory.ts';
export { Tenant } from './tenant.ts';
export type { UserCreate } from './tenant.ts';
export type { TreeShape, TreeUnit } from './forest.ts';
export type { JsonObject } from './records.ts';
export type { OuSnapshot, Snapshot, TenantSnapshot, UserSnapshot } from './snapshot.ts';
export { NAME_MAX } from './names.ts';
export { DEFAULT_POLICIES } from './policies.ts';
export type { DeleteSteps, Policies, PolicyUnit } from './policies.ts';
export { DomainError, SnapshotError } from './errors.ts';
export type { SnapshotIssue, SnapshotPath } from './errors.ts';
export type {
  DeleteMode,
  DeletePlan,
  DialectFields,
  DomainErrorKind,
  DomainField,
  DomainReason,
  UnitChange,
  UnitCreate,
  UnitOrderKey,
  UnitPage,
  UnitPatch,
  UnitQuery,
  UnitsApi,
  UnitView,
  UserView,
} from './units.ts';
