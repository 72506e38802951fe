/** ID-E1: every error is `{requestId, code, message}` with the page's code for its status; no 5xx. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { NO_AUTH } from '../../../suites/tokens.ts';
import { errorBody } from '../driver.ts';
import { CODES } from '../wire.ts';
import { fixture, idaas, sandbox } from './support.ts';

/** The codes each status may carry (idaas.md ID-E1). */
const CODES_OF_STATUS: ReadonlyMap<number, RegExp> = new Map([
  [400, /^InvalidParameter\.[A-Z][A-Za-z0-9]*$/],
  [401, new RegExp(`^${CODES.invalidToken}$`)],
  [403, new RegExp(`^${CODES.forbidden}$`)],
  [404, /^EntityNotExists\.OrganizationalUnit$/],
  [409, /^(EntityAlreadyExists\.OrganizationalUnit\.(ExternalId|Name)|OperationConflict\.OrganizationalUnit)$/],
]);

/**
 * A server that could not store a change says so with 503 ServiceUnavailable and Retry-After
 * (the mock does, as every dialect): an outage, not its answer to what the request sent, so
 * ID-E1 neither counts it against the server nor takes it as an answer. The check that sent
 * the request still fails when it needed another status.
 */
function isOutage(ex: Exchange): boolean {
  return ex.status === 503 && errorBody(ex)?.code === CODES.serviceUnavailable && ex.headers['retry-after'] !== undefined;
}

/** An error answer: no 5xx, the shape with a non-empty requestId, a code its status allows. */
function judge(ctx: CheckContext, ex: Exchange, what: string): void {
  if (isOutage(ex)) {
    ctx.note(`${what}: 503 ServiceUnavailable with Retry-After (the server could not store a change) not judged`);
    return;
  }
  if (!ctx.expect(ex.status < 500, `${what}: no 5xx`, ex)) return;
  if (ex.status < 400) return;
  const body = errorBody(ex);
  if (!ctx.expect(body !== undefined && body.requestId !== '', `${what}: the error body is {"requestId": "<id>", "code": "<Code>", "message": "<text>"}`, ex)) return;
  const allowed = CODES_OF_STATUS.get(ex.status);
  ctx.expect(allowed === undefined || allowed.test(body?.code ?? ''), `${what}: the code ${JSON.stringify(body?.code)} is the page's code for ${ex.status}`, ex);
}

/** A provoked error whose status came as meant must carry exactly this code. */
function judgeCode(ctx: CheckContext, ex: Exchange, status: number, code: string, what: string): void {
  judge(ctx, ex, what);
  if (ex.status === status && errorBody(ex) !== undefined) ctx.expect(errorBody(ex)?.code === code, `${what}: ${status} carries code ${code}`, ex);
}

const shapeCheck: Check = {
  id: 'idaas.errors.shape',
  title: 'Each error class answers {requestId, code, message} with the page\'s code',
  rules: ['ID-E1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const child = await fixture(ctx, parent, 'Taken');
    judgeCode(ctx, await d.createRaw({ parentId: parent }), 400, 'InvalidParameter.OrganizationalUnitName', 'creating without organizationalUnitName');
    judgeCode(ctx, await d.createRaw({ organizationalUnitName: 'x' }), 400, 'InvalidParameter.ParentId', 'creating without parentId');
    judgeCode(ctx, await d.listRaw({ parentId: parent, pageSize: 101 }), 400, 'InvalidParameter.PageSize', 'listing with pageSize 101');
    judgeCode(ctx, await d.listRaw({ parentId: parent, pageNumber: 0 }), 400, 'InvalidParameter.PageNumber', 'listing with pageNumber 0');
    judgeCode(ctx, await d.listRaw({}), 400, 'InvalidParameter.ParentId', 'listing without parentId');
    judgeCode(ctx, await d.lookupRaw({ organizationalUnitExternalId: child, organizationalUnitSourceType: 'build_in' }), 400, 'InvalidParameter.OrganizationalUnitSourceId', 'looking up without organizationalUnitSourceId');
    judgeCode(ctx, await d.lookupRaw({ organizationalUnitExternalId: `${child}-none`, organizationalUnitSourceType: 'build_in', organizationalUnitSourceId: ctx.tenantId }), 404, CODES.notFound, 'looking up an external id no unit has');
    judgeCode(ctx, await d.as(NO_AUTH).getRaw(child), 401, CODES.invalidToken, 'GET without a token');
    judgeCode(ctx, await d.getRaw(`${child}-missing`), 404, CODES.notFound, 'GET of an unknown unit');
    judgeCode(ctx, await d.createRaw({ organizationalUnitName: 'TAKEN', parentId: parent }), 409, CODES.nameTaken, 'creating a sibling of the same name');
    judgeCode(ctx, await d.createRaw({ organizationalUnitName: 'other', parentId: parent, organizationalUnitExternalId: child }), 409, CODES.externalIdTaken, 'creating with a taken external id');
    judgeCode(ctx, await d.deleteRaw(parent), 409, CODES.operationConflict, 'deleting a unit with a child');
    judgeCode(ctx, await d.deleteRaw(d.topParent), 409, CODES.operationConflict, 'deleting the root');
    judgeCode(ctx, await d.patchRaw(d.topParent, { organizationalUnitName: `${ctx.runTag}-root` }), 409, CODES.operationConflict, 'renaming the root');
    const other = ctx.creds.other;
    if (other !== undefined) judgeCode(ctx, await d.as(other.auth).getRaw(child), 403, CODES.forbidden, 'GET with another instance\'s token');
    else ctx.note('no other tenant: the 403 of another instance not provoked');
  },
};

/** Requests of the idaas API (its paths), whoever sent them. */
const IDAAS_PATH = /^\/v2\/[^/?]+\/[^/?]+\/organizationalUnits(\/|\?|$)/;

const allCheck: Check = {
  id: 'idaas.errors.all',
  title: 'Every error answer of the run has the error shape and a page code, and none is a 5xx',
  rules: ['ID-E1'],
  level: 'core',
  post: true,
  async run(ctx) {
    let seen = 0;
    for (const ex of ctx.exchanges()) {
      if (!IDAAS_PATH.test(ex.path) || ex.status === 0 || ctx.isBlamed(ex)) continue;
      seen++;
      judge(ctx, ex, `${ex.method} ${ex.path}`);
    }
    ctx.note(`${seen} answers of the run judged`);
  },
};

export const errorChecks: readonly Check[] = [shapeCheck, allCheck];
