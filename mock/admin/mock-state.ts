/**
 * The mock's whole state: the current Directory plus, per tenant, the recipe of the
 * state a reset returns it to. Seeded tenants are regenerated from their seed on reset
 * rather than kept as a second copy, so a 1M-user preset is not held twice.
 */
import { randomBytes } from 'node:crypto';
import { Directory, type DirectoryOptions, type Snapshot, type TenantSnapshot } from '../core/index.ts';
import { ConflictError, NotFoundError } from '../http/typed-errors.ts';
import { generateTenant, PRESETS } from '../../fixtures/index.ts';

export type AppPreset = 'empty' | keyof typeof PRESETS;
export type TenantPreset = 'empty' | 'small';

/** Sizes of one tenant created with preset `small`: those of a tenant of the `small` data set. */
export const SMALL_TENANT = { ous: PRESETS.small[0].ous, users: PRESETS.small[0].users };

/** How to rebuild a tenant's reset state. */
type Recipe =
  | { readonly kind: 'generated'; readonly ous: number; readonly users: number; readonly seed: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'snapshot'; readonly data: TenantSnapshot };

export interface TenantCounts {
  tenant_id: string;
  ous: number;
  users: number;
}

export interface MockStateOptions {
  preset: AppPreset;
  seed: number;
  /** Start from this state instead of the seeded one (a state file); resets still go to the seeded state. */
  snapshot?: Snapshot;
  directory: DirectoryOptions;
}

export interface NewTenant {
  tenant_id?: string;
  preset?: TenantPreset;
  seed?: number;
}

function build(tenantId: string, recipe: Recipe | undefined): TenantSnapshot {
  if (recipe?.kind === 'snapshot') return recipe.data;
  if (recipe?.kind === 'generated') return generateTenant({ tenantId, seed: recipe.seed, ous: recipe.ous, users: recipe.users });
  return { tenant_id: tenantId, ous: [], users: [] };
}

/**
 * @example
 * const state = new MockState({ preset: 'small', seed: 42, directory: {} });
 * state.directory.tenantIds(); // ['acme', 'globex', 'initech']
 * state.createTenant({ preset: 'small' }).ous; // 50
 */
export class MockState {
  private current: Directory;
  private recipes = new Map<string, Recipe>();

  constructor(private readonly opts: MockStateOptions) {
    if (opts.preset !== 'empty') {
      for (const t of PRESETS[opts.preset]) {
        this.recipes.set(t.tenantId, { kind: 'generated', ous: t.ous, users: t.users, seed: opts.seed });
      }
    }
    if (opts.snapshot) {
      this.current = Directory.fromSnapshot(opts.snapshot, opts.directory);
    } else {
      this.current = new Directory(opts.directory);
      for (const [id, recipe] of this.recipes) this.current.loadTenant(build(id, recipe));
    }
  }

  get directory(): Directory {
    return this.current;
  }

  counts(tenantId: string): TenantCounts {
    return { tenant_id: tenantId, ...this.current.tenant(tenantId).counts() };
  }

  allCounts(): TenantCounts[] {
    return this.current.tenantIds().map((id) => this.counts(id));
  }

  /** A new tenant, empty or seeded; ConflictError when the id is taken. */
  createTenant(input: NewTenant): TenantCounts {
    const id = input.tenant_id ?? this.freshTenantId();
    if (this.current.hasTenant(id)) throw new ConflictError(`Tenant ${id} already exists`);
    const recipe: Recipe =
      input.preset === 'small'
        ? { kind: 'generated', ...SMALL_TENANT, seed: input.seed ?? this.opts.seed }
        : { kind: 'empty' };
    this.current.loadTenant(build(id, recipe));
    this.recipes.set(id, recipe);
    return this.counts(id);
  }

  /** Every tenant back to its recipe; a tenant without one becomes empty. */
  resetAll(): TenantCounts[] {
    const ids = new Set([...this.current.tenantIds(), ...this.recipes.keys()]);
    const next = new Directory(this.opts.directory);
    for (const id of ids) next.loadTenant(build(id, this.recipes.get(id)));
    this.current = next;
    return this.allCounts();
  }

  resetTenant(tenantId: string): TenantCounts {
    if (!this.current.hasTenant(tenantId) && !this.recipes.has(tenantId)) {
      throw new NotFoundError(`Tenant ${tenantId} not found`);
    }
    this.current.loadTenant(build(tenantId, this.recipes.get(tenantId)));
    return this.counts(tenantId);
  }

  /** Replaces the whole state; validated in full first (ValidationError naming the item, nothing changed). */
  importSnapshot(snapshot: Snapshot): TenantCounts[] {
    const next = Directory.fromSnapshot(snapshot, this.opts.directory);
    this.current = next;
    this.recipes = new Map(snapshot.tenants.map((t) => [t.tenant_id, { kind: 'snapshot', data: t }]));
    return this.allCounts();
  }

  exportSnapshot(): Snapshot {
    return this.current.toSnapshot();
  }

  /** From the directory's id source when it has one: a replayed creation then gets the same id. */
  private freshTenantId(): string {
    const random = (): string => this.opts.directory.newId?.().replace(/-/g, '').slice(0, 8) ?? randomBytes(4).toString('hex');
    let id: string;
    do id = `tenant-${random()}`;
    while (this.current.hasTenant(id));
    return id;
  }
}
