/** Everything one tenant holds; a Directory swaps a whole store in one step on reset/import. */
import { ChangeLog } from './change-log.ts';
import { buildForest, type TreeShape } from './forest.ts';
import { Hierarchy } from './hierarchy.ts';
import type { Policies } from './policies.ts';
import type { OuRecord } from './records.ts';
import { MergedUsers } from './user-order.ts';
import { UserIndex } from './users.ts';

let lastVersion = 0;

function nextVersion(): number {
  return ++lastVersion;
}

export class TenantStore {
  readonly ous: Hierarchy;
  readonly users = new UserIndex();
  /** Ids deleted from this tenant: never handed out again. */
  readonly retired = new Set<string>();
  /**
   * The DNS domain set for the tenant (the AD manager dialect reads it; null = its default).
   * Held here so snapshots and the state file carry it like the OUs' AD fields.
   */
  adDomain: string | null = null;
  /**
   * Bumped before every change; the nested-users memo is valid for one version only. Drawn
   * from one counter for all stores, so a store that replaces another (reset, import) never
   * repeats a version a reader may have cached (UnitsApi.revision).
   */
  private version = nextVersion();
  /** Units changed since the store was built (UnitsApi.changesSince). */
  readonly changes = new ChangeLog(this.version);

  /** The current version: a plan or view made at another one may be stale. */
  get revision(): number {
    return this.version;
  }

  private nested: { ou: OuRecord; version: number; users: MergedUsers } | null = null;
  private forest: { version: number; shape: TreeShape<unknown>; nodes: unknown[] } | null = null;

  constructor(readonly policies: Policies) {
    this.ous = new Hierarchy(policies, (rec, subtree) => this.changes.record(this.version, rec.id, subtree));
  }

  /** Call before changing anything: a cached view must never outlive the state it was built from. */
  touch(): void {
    this.version = nextVersion();
  }

  /**
   * The tenant's tree in `shape`, built once per version: concurrent readers of a big, unchanged
   * tree (100,000 OUs take a few hundred ms to build) then share one copy instead of each
   * blocking the server to build their own. Callers must treat it as read-only.
   */
  tree<N>(shape: TreeShape<N>): N[] {
    const memo = this.forest;
    if (memo !== null && memo.version === this.version && memo.shape === shape) return memo.nodes as N[];
    const nodes = buildForest(this.ous, shape);
    this.forest = { version: this.version, shape: shape as TreeShape<unknown>, nodes };
    return nodes;
  }

  /**
   * The users of `ou`'s whole subtree in list order (OU-S2, OU-S4). The last one is kept until
   * the next change, so a client walking its pages merges the subtree once.
   */
  subtreeUsers(ou: OuRecord): MergedUsers {
    const memo = this.nested;
    if (memo !== null && memo.ou === ou && memo.version === this.version) return memo.users;
    const users = new MergedUsers(this.ous.subtree(ou));
    this.nested = { ou, version: this.version, users };
    return users;
  }
}

/** A tenant's current store, shared by the Tenant and its Directory so a reset keeps the Tenant object. */
export interface StoreRef {
  store: TenantStore;
}
