/** The admin API's user routes in the OU API's shapes: UserItem out, field problems at the body's locations. */
import type { Tenant } from '../../mock/core/index.ts';
import { userProblem } from '../../mock/core/users.ts';
import { ValidationError } from '../../mock/http/typed-errors.ts';
import type { AddUserInput, UserItem } from './dto.ts';
import { ouErrors } from './render.ts';
import { userItem } from './views.ts';

/** Adds a user; `ou_id` null = unassigned. Unknown OU -> NotFoundError, taken id -> ConflictError. */
export function addUser(tenant: Tenant, input: AddUserInput): UserItem {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw ValidationError.field(['body'], 'Input should be a valid JSON object', 'model_attributes_type');
  }
  const problem = userProblem(input as unknown as Readonly<Record<string, unknown>>, false);
  if (problem !== null) throw ValidationError.field(['body', problem.field], problem.msg, problem.type);
  const user = ouErrors(() =>
    tenant.createUser({
      ...(input.id === undefined ? {} : { id: input.id }),
      email: input.email,
      displayName: input.display_name,
      unitId: input.ou_id ?? null,
    }),
  );
  return userItem(user);
}

/** Removes a user; unknown id -> NotFoundError. */
export function removeUser(tenant: Tenant, userId: string): void {
  ouErrors(() => tenant.deleteUser(userId));
}
