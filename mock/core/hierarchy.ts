/**
 * The OU forest of one tenant: id index, sibling indexes, paths and counts (OU-H1..H6).
 * Every operation costs O(what it touches): get O(1), rename/move/delete O(subtree).
 * It checks nothing; callers validate first, so a failed request changes nothing (OU-E5).
 */
import { FieldIndex } from './field-index.ts';
import { PathIndex } from './path-index.ts';
import type { Policies } from './policies.ts';
import { lower, type OuRecord } from './records.ts';
import type { DialectFields } from './units.ts';

export class Hierarchy {
  private readonly byId = new Map<string, OuRecord>();
  /** The top level is one sibling group (OU-H4). */
  private readonly roots = new Map<string, OuRecord>();
  private readonly index = new PathIndex(() => this.byId.values());
  /** Unique codes and explicit external ids of the units held. */
  readonly fields = new FieldIndex();
  constructor(
    private readonly policies: Policies,
    /** Told of every unit added, changed or dropped; `subtree`: the lineage below it changed too. */
    private readonly changed: (rec: OuRecord, subtree: boolean) => void = () => undefined,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): OuRecord | undefined {
    return this.byId.get(id);
  }

  topLevel(): IterableIterator<OuRecord> {
    return this.roots.values();
  }

  /** Every OU ordered by lower-cased path, ties by id (OU-L4). */
  sortedByPath(): readonly OuRecord[] {
    return this.index.all();
  }

  /** Every OU whose lower-cased name contains `needle` (lower-cased), in path order (OU-L5). */
  namesContaining(needle: string): readonly OuRecord[] {
    return this.index.namesContaining(needle);
  }

  /** The OU under `parent` (null = top level) whose name equals `name` case-insensitively, other than `except` (OU-H4). */
  holder(parent: OuRecord | null, name: string, except?: OuRecord): OuRecord | undefined {
    const found = this.siblings(parent).get(this.policies.siblingKey(name));
    return found === except ? undefined : found;
  }

  /** Whether `node` is `ancestor` itself or one of its descendants: O(depth) (OU-U2). */
  isWithin(node: OuRecord, ancestor: OuRecord): boolean {
    // The step bound only matters when a policy relinked a parent into a cycle (Policies.moveIntoSubtree).
    for (let n: OuRecord | null = node, steps = 0; n !== null && steps <= this.byId.size; n = n.parent, steps++) {
      if (n === ancestor) return true;
    }
    return false;
  }

  /** The OU then all its descendants, each parent before its children. */
  subtree(rec: OuRecord): OuRecord[] {
    const out = [rec];
    for (let i = 0; i < out.length; i++) {
      for (const child of out[i]!.children.values()) out.push(child);
    }
    return out;
  }

  /** Adds a new OU under `parent`; its name must be free there. */
  add(rec: OuRecord, parent: OuRecord | null): void {
    rec.key = this.policies.siblingKey(rec.name);
    rec.parent = parent;
    this.siblings(parent).set(rec.key, rec);
    this.byId.set(rec.id, rec);
    this.fields.add(rec);
    setPath(rec);
    this.index.add([rec]);
    this.changed(rec, false);
  }

  /** Replaces the dialect fields of a unit; the caller has checked the new code and external id are free. */
  setFields(rec: OuRecord, fields: Readonly<DialectFields>): void {
    this.fields.remove(rec);
    rec.fields = fields;
    this.fields.add(rec);
    this.changed(rec, false);
  }

  /** Renames and/or moves an OU; the paths of its whole subtree follow in the same call (OU-H3). */
  relocate(rec: OuRecord, parent: OuRecord | null, name: string): void {
    const changed = this.policies.repath === 'unit' ? [rec] : this.subtree(rec);
    this.index.remove(changed);
    this.detach(rec);
    rec.name = name;
    rec.lowerName = lower(name);
    rec.key = this.policies.siblingKey(name);
    rec.parent = parent;
    this.siblings(parent).set(rec.key, rec);
    for (const r of changed) setPath(r);
    this.index.add(changed);
    this.changed(rec, true);
  }

  /** Moves every child of `from` (with its subtree) under `to`, names unchanged; each must be free there. */
  moveChildren(from: OuRecord, to: OuRecord | null): void {
    const children = Array.from(from.children.values());
    // Many small moves would each patch the sorted index; past the limit one rebuild is cheaper.
    this.index.willChange(children.reduce((n, c) => n + this.subtree(c).length, 0));
    for (const child of children) this.relocate(child, to, child.name);
  }

  /** Takes an OU out of its sibling group (it stays in the id index until `drop`). */
  detach(rec: OuRecord): void {
    this.siblings(rec.parent).delete(rec.key);
  }

  /** Forgets detached OUs (a deleted subtree). */
  drop(recs: readonly OuRecord[]): void {
    for (const r of recs) {
      this.byId.delete(r.id);
      this.fields.remove(r);
      this.changed(r, false);
    }
    this.index.remove(recs);
  }

  /** The child count views report (direct children: OU-H6). */
  childCount(rec: OuRecord): number {
    return this.policies.childCount(rec);
  }

  /** The user count views report (users directly in the unit: OU-H6). */
  userCount(rec: OuRecord): number {
    return this.policies.userCount(rec);
  }

  private siblings(parent: OuRecord | null): Map<string, OuRecord> {
    return parent === null ? this.roots : parent.children;
  }
}

/** path = '/' + names from the top-level ancestor down (OU-H2); the parent's path must be current. */
function setPath(rec: OuRecord): void {
  rec.path = `${rec.parent === null ? '' : rec.parent.path}/${rec.name}`;
  rec.lowerPath = lower(rec.path);
}
