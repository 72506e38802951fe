/**
 * A set of row slots (small non-negative integers) as a byte per slot plus the list of members:
 * a rename high in the tree marks tens of thousands of rows in every column, and a Set's
 * hashing and growth cost more than this.
 */
export class SlotSet {
  private marks = new Uint8Array(1024);
  private members: number[] = [];

  get size(): number {
    return this.members.length;
  }

  has(slot: number): boolean {
    return slot < this.marks.length && this.marks[slot] === 1;
  }

  add(slot: number): void {
    if (slot >= this.marks.length) {
      const grown = new Uint8Array(Math.max(slot + 1, this.marks.length * 2));
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[slot] === 1) return;
    this.marks[slot] = 1;
    this.members.push(slot);
  }

  /** The members in the order they were added. */
  values(): readonly number[] {
    return this.members;
  }

  clear(): void {
    for (const slot of this.members) this.marks[slot] = 0;
    this.members = [];
  }
}
