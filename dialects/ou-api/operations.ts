/**
 * The OU API's seven operations over one tenant of the core: wire values in (inputs.ts,
 * paging.ts), neutral core calls, OU DTOs out (views.ts). DomainErrors leave as the OU API's
 * typed errors (render.ts). The OU API's own test-only defect switches are honoured here;
 * those that change domain behaviour are policies the Directory was built with (defect-policies.ts).
 */
import type { Directory, Tenant, UnitQuery } from '../../mock/core/index.ts';
import type { Defect, Defects } from '../../mock/defects.ts';
import type { AddUserInput, ListOusQuery, ListUsersQuery, OUCreate, OUListItem, OUResponse, OUTreeNode, OUUpdate, Page, UserItem } from './dto.ts';
import { asciiFold } from './defect-policies.ts';
import { readCreate, readStrategy, readUpdate, type InputRules } from './inputs.ts';
import { DEFAULT_PER_PAGE, pageOf, readFlag, readOptionalText, readPaging, windowOf, type PagingQuirks } from './paging.ts';
import { ouErrors } from './render.ts';
import { addUser, removeUser } from './users.ts';
import { listItem, ouResponse, treeShape, userItem } from './views.ts';

/** What the operations see besides the tenant. */
export interface OuEnv {
  /** The whole state: only the tenant-leak defect looks past the tenant. */
  directory: Directory;
  defects: Defects;
  /**
   * Let the core's DomainErrors through as they are (the generic host renders them with the
   * dialect's renderError); by default they leave as the OU API's typed errors.
   */
  domainErrors?: 'typed' | 'as_is';
}

const FULL_TREE = treeShape(Infinity);
/** tree-depth-2 defect (OU-R1): the tree stops at depth 2. */
const DEPTH_2_TREE = treeShape(2);

/**
 * The OU API of one tenant.
 *
 * @example
 * const ou = new OuOperations(directory.tenant('acme'), { directory, defects: NO_DEFECTS });
 * const eng = ou.createOu({ name: 'Engineering' });
 * ou.createOu({ name: 'Platform', parent_id: eng.id }).path; // '/Engineering/Platform'
 */
export class OuOperations {
  constructor(
    readonly tenant: Tenant,
    private readonly env: OuEnv,
  ) {}

  /** Creates an OU (OU-C1..C3, OU-H4, OU-H5); unknown `parent_id` -> NotFoundError. */
  createOu(input: OUCreate): OUResponse {
    const fields = readCreate(input, this.rules());
    return this.core(() => {
      const unit = this.tenant.createUnit({ ...fields, parentId: this.createParent(fields.parentId) });
      return ouResponse(this.tenant, unit);
    });
  }

  /** The OU with its direct children (OU-G1, OU-G2). */
  getOu(ouId: string): OUResponse {
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.getOu(ouId);
    // get-unknown-crash defect (OU-G1): an unknown id escapes as an unexpected error (a 5xx).
    if (this.has('get-unknown-crash') && this.tenant.findUnit(ouId) === undefined) {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    }
    return this.core(() => ouResponse(this.tenant, this.tenant.getUnit(ouId)));
  }

  /** Changes only the fields present in `patch` (OU-U1..U3, OU-H3, OU-H4). */
  updateOu(ouId: string, patch: OUUpdate): OUResponse {
    const change = readUpdate(patch, this.rules());
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.updateOu(ouId, patch);
    return this.core(() => ouResponse(this.tenant, this.tenant.updateUnit(ouId, change)));
  }

  /** Deletes an OU with a strategy, BLOCK by default (OU-D1..D6). */
  deleteOu(ouId: string, strategy?: unknown): void {
    const mode = readStrategy(strategy, this.has('default-strategy-cascade'));
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.deleteOu(ouId, strategy);
    // delete-unknown-204 defect (OU-D6).
    if (this.has('delete-unknown-204') && this.tenant.findUnit(ouId) === undefined) return;
    this.core(() => this.tenant.applyDelete(this.tenant.planDelete(ouId, mode)));
  }

  /** One page of OUs ordered by lower-cased path (OU-L1..L7). */
  listOus(q: ListOusQuery = {}): Page<OUListItem> {
    // default-per-page-10 defect (OU-L1).
    const paging = readPaging(q, this.has('default-per-page-10') ? 10 : DEFAULT_PER_PAGE);
    const search = readOptionalText(q.search, ['query', 'search']);
    const parentId = readOptionalText(q.parent_id, ['query', 'parent_id']);
    // total-pages-floor (OU-L2), past-last-page-404 (OU-L3), overlapping-pages (OU-L4) defects.
    const quirks: PagingQuirks = {
      floorTotalPages: this.has('total-pages-floor'),
      pastEndNotFound: this.has('past-last-page-404'),
      overlap: this.has('overlapping-pages'),
    };
    const where = this.listWhere(search === '' ? null : search, parentId);
    const found = where === null ? { total: 0, items: [] } : this.tenant.queryUnits({ where, window: windowOf(paging, quirks) });
    return pageOf(found.items.map(listItem), found.total, paging, quirks);
  }

  /** The whole forest, nested to full depth (OU-R1, OU-R2). Shared until the next change: read-only. */
  tree(): OUTreeNode[] {
    return this.tenant.tree(this.has('tree-depth-2') ? DEPTH_2_TREE : FULL_TREE);
  }

  /** One page of the users of an OU, or of its subtree with `include_nested` (OU-S1..S4). */
  listUsers(ouId: string, q: ListUsersQuery = {}): Page<UserItem> {
    const paging = readPaging(q);
    const nested = readFlag(q.include_nested, ['query', 'include_nested']);
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.listUsers(ouId, q);
    // users-unknown-ou-empty defect (OU-S3).
    if (this.has('users-unknown-ou-empty') && this.tenant.findUnit(ouId) === undefined) return pageOf([], 0, paging);
    // include-nested-ignored defect (OU-S2).
    const deep = nested && !this.has('include-nested-ignored');
    const found = this.core(() => this.tenant.usersPage(ouId, deep, windowOf(paging)));
    // users-total-pages-floor defect (OU-S1).
    return pageOf(found.items.map(userItem), found.total, paging, { floorTotalPages: this.has('users-total-pages-floor') });
  }

  /** Adds a user (the admin API's route); `ou_id` null = unassigned. */
  addUser(input: AddUserInput): UserItem {
    return addUser(this.tenant, input);
  }

  /** Removes a user; unknown id -> NotFoundError. */
  removeUser(userId: string): void {
    removeUser(this.tenant, userId);
  }

  /** Runs a core call, its DomainErrors as the env asks. */
  private core<T>(fn: () => T): T {
    return this.env.domainErrors === 'as_is' ? fn() : ouErrors(fn);
  }

  private has(defect: Defect): boolean {
    return this.env.defects.has(defect);
  }

  private rules(): InputRules {
    return {
      tenant: this.tenant,
      protoLost: this.has('custom-attributes-proto-lost'),
      nullIgnored: this.has('patch-null-ignored'),
      cascadeByDefault: this.has('default-strategy-cascade'),
    };
  }

  private createParent(parentId: string | null): string | null {
    // create-unknown-parent-top-level defect (OU-C2).
    if (parentId !== null && this.has('create-unknown-parent-top-level') && this.tenant.findUnit(parentId) === undefined) return null;
    return parentId;
  }

  /**
   * What a list request matches: all OUs at every depth (OU-L7), or the direct children of
   * `parentId` (OU-L6; unknown -> none), whose name contains `search` case-insensitively as
   * plain text (OU-L5). null = nothing can match.
   */
  private listWhere(search: string | null, parentId: string | null): UnitQuery['where'] | null {
    const tests: Array<(u: { name: string; path: string }) => boolean> = [];
    const where: NonNullable<UnitQuery['where']> = {};
    if (parentId === null) {
      // list-top-level-only defect (OU-L7): without parent_id only top-level OUs are listed.
      if (this.has('list-top-level-only')) where.parentId = null;
    } else if (this.has('parent-filter-nested')) {
      // parent-filter-nested defect (OU-L6): all descendants instead of the direct children.
      const parent = this.tenant.findUnit(parentId);
      if (parent === undefined) return null;
      const prefix = `${parent.path}/`;
      tests.push((u) => u.path.startsWith(prefix));
    } else {
      where.parentId = parentId;
    }
    if (search !== null) {
      if (this.has('search-as-regex')) {
        // search-as-regex defect (OU-L5): the text is taken as a pattern.
        const re = new RegExp(search, 'i');
        tests.push((u) => re.test(u.name));
      } else if (this.has('search-case-sensitive')) {
        // search-case-sensitive defect (OU-L5).
        tests.push((u) => u.name.includes(search));
      } else if (this.has('search-ascii-case')) {
        // search-ascii-case defect (OU-L5): only A-Z are folded.
        const needle = asciiFold(search);
        tests.push((u) => asciiFold(u.name).includes(needle));
      } else {
        where.nameContains = search;
      }
    }
    if (tests.length > 0) where.test = (u) => tests.every((t) => t(u));
    return where;
  }

  /** Under the tenant-leak defect (OU-T1), the operations of another tenant holding `ouId`; otherwise undefined. */
  private leakedTo(ouId: string): OuOperations | undefined {
    if (!this.has('tenant-leak') || this.tenant.findUnit(ouId) !== undefined) return undefined;
    const { directory } = this.env;
    for (const id of directory.tenantIds()) {
      const other = directory.tenant(id);
      if (other !== this.tenant && other.findUnit(ouId) !== undefined) return new OuOperations(other, this.env);
    }
    return undefined;
  }
}
