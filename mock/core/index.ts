/** The domain core of the stateful OU mock: no HTTP here. */
export { Directory } from './directory.ts';
export type { DirectoryOptions } from './directory.ts';
export { Tenant } from './tenant.ts';
export type {
  AddUserInput,
  DeleteStrategy,
  JsonObject,
  ListOusQuery,
  ListUsersQuery,
  OUChildInfo,
  OUCreate,
  OUListItem,
  OUResponse,
  OUTreeNode,
  OUUpdate,
  Page,
  PaginationMeta,
  UserItem,
} from './dto.ts';
export type { OuSnapshot, Snapshot, TenantSnapshot, UserSnapshot } from './snapshot.ts';
export { DELETE_STRATEGIES } from './strategies.ts';
export { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './paging.ts';
export { NAME_MAX } from './names.ts';
export {
  ConflictError,
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  OuError,
  PayloadTooLargeError,
  StorageError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.ts';
export type { FieldIssue, Loc } from './errors.ts';
