/**
 * The mock side of the OU API as a dialect (dialects/types.ts DialectMock): Bearer tokens,
 * the tenant in the path, the seven operations over the core, and errors in the OU API's
 * FastAPI shapes, so the generic host answers exactly as the OU API's own pipeline does.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { INVALID_TOKEN } from '../../mock/http/errors.ts';
import { UnauthorizedError } from '../../mock/http/typed-errors.ts';
import { HostError, type DialectMock } from '../types.ts';
import { OU_HANDLERS, OU_WRITES } from './handlers.ts';
import { renderOuError } from './render-failure.ts';

/** As mock/http/auth.ts reads the OU API's header: `Bearer`, any case, one token. */
const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * The token of `Authorization: Bearer <token>` (OU-A1); no header = no credential. Any other
 * header is refused here, as the OU API always did, rather than read as "no token".
 *
 * @throws HostError `unauthorized` for a header that is not `Bearer <token>`.
 */
export function ouCredential(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (value === undefined || value === '') return undefined;
  const token = BEARER.exec(value)?.[1];
  if (token !== undefined) return token;
  const message = 'Authorization header must be "Bearer <token>"';
  throw new HostError({ kind: 'unauthorized', message, source: new UnauthorizedError(message, { cause: INVALID_TOKEN }) });
}

export const ouApiMock: DialectMock = {
  credential: ouCredential,
  // The tenant is the path's `tenant_id` on every route of the contract.
  tenantOf: (req) => req.params['tenant_id'],
  handlers: OU_HANDLERS,
  writes: OU_WRITES,
  renderError: renderOuError,
};
