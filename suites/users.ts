import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Send } from './api.ts';
import { isRecord } from './contract-model.ts';
import type { CreatedUser, UserAdapter } from './config.ts';
import type { Auth } from './tokens.ts';

/**
 * First names of the users made, in turn: their lower-cased order differs from their raw order,
 * and any four in a row (the users one check makes) go up and down, so lower-cased email order is
 * not creation order either way round (OU-S4).
 */
const FIRST_NAMES = ['Zoe', 'amy', 'Hal', 'cal', 'Fay', 'eve', 'Bob', 'ivy', 'Dee', 'gus'];

/**
 * The mock's admin routes: `POST /__mock/tenants/{tenant_id}/users` {email, display_name, ou_id}
 * -> 201 {data: user}; `DELETE /__mock/tenants/{tenant_id}/users/{user_id}` -> 204.
 * Emails carry the run tag, so they are unique per run.
 */
export function adminHttpUsers(send: Send, auth: Auth, runTag: string): UserAdapter {
  let counter = 0;
  const base = (tenantId: string): string => `/__mock/tenants/${encodeURIComponent(tenantId)}/users`;
  return {
    async createUser(tenantId, ouId) {
      const n = counter++;
      const first = FIRST_NAMES[n % FIRST_NAMES.length] as string;
      const email = `${first}.${n}.${runTag}@example.invalid`;
      const ex = await send({ method: 'POST', path: base(tenantId), auth, json: { email, display_name: `${first} ${n}`, ou_id: ouId } });
      const data = isRecord(ex.body) ? ex.body['data'] : undefined;
      if (ex.status !== 201 || !isRecord(data) || typeof data['id'] !== 'string') {
        throw new Error(`admin-http: POST ${ex.path} answered ${ex.status}${ex.text === '' ? '' : `: ${ex.text.slice(0, 200)}`}`);
      }
      return { id: data['id'], email: typeof data['email'] === 'string' ? data['email'] : email };
    },
    async deleteUser(tenantId, userId) {
      const ex = await send({ method: 'DELETE', path: `${base(tenantId)}/${encodeURIComponent(userId)}`, auth });
      if (ex.status !== 204 && ex.status !== 404) throw new Error(`admin-http: DELETE ${ex.path} answered ${ex.status}`);
    },
  };
}

/**
 * Loads a user adapter module: it must export `createUser(tenantId, ouId)` and
 * `deleteUser(tenantId, userId)`. Relative paths resolve from the working directory.
 */
export async function loadUserModule(path: string): Promise<UserAdapter> {
  const url = pathToFileURL(isAbsolute(path) ? path : resolve(process.cwd(), path)).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`users module ${path} cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const createUser = mod['createUser'];
  const deleteUser = mod['deleteUser'];
  if (typeof createUser !== 'function' || typeof deleteUser !== 'function') {
    throw new Error(`users module ${path} must export createUser(tenantId, ouId) and deleteUser(tenantId, userId)`);
  }
  return {
    createUser: async (tenantId, ouId) => normalizeUser(await (createUser as (t: string, o: string) => unknown)(tenantId, ouId), path),
    deleteUser: async (tenantId, userId) => {
      await (deleteUser as (t: string, u: string) => unknown)(tenantId, userId);
    },
  };
}

function normalizeUser(value: unknown, source: string): CreatedUser {
  const user = isRecord(value) && isRecord(value['data']) ? value['data'] : value;
  if (!isRecord(user) || typeof user['id'] !== 'string') throw new Error(`users module ${source}: createUser must resolve to {id: string}`);
  return { id: user['id'], ...(typeof user['email'] === 'string' ? { email: user['email'] } : {}) };
}

/** Users created by the run, removed at cleanup. */
export class UserPool {
  private readonly created: Array<{ tenantId: string; id: string }> = [];

  constructor(
    private readonly adapter: UserAdapter,
    private readonly tenantId: string,
  ) {}

  /** Ids of the users created and not yet deleted. */
  get ids(): string[] {
    return this.created.map((u) => u.id);
  }

  /** A new user directly in `ouId`. */
  async create(ouId: string): Promise<CreatedUser> {
    const user = await this.adapter.createUser(this.tenantId, ouId);
    this.created.push({ tenantId: this.tenantId, id: user.id });
    return user;
  }

  /** Deletes every user the run created; returns the failures as messages. */
  async deleteAll(): Promise<string[]> {
    const failures: string[] = [];
    for (const { tenantId, id } of this.created.splice(0)) {
      try {
        await this.adapter.deleteUser(tenantId, id);
      } catch (error) {
        failures.push(`user ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }
}
