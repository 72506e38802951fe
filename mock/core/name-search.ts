/**
 * Plain-text name search over a whole ordered list of OUs (OU-L5) in one scan: the lower-cased
 * names joined by '/', which no name contains, so a match never spans two names. Scanning one
 * string is many times faster than visiting 100k records.
 */
import type { OuRecord } from './records.ts';

export class NameHaystack {
  private readonly text: string;
  /** starts[i] = offset of list[i]'s name in `text`; starts[n] = text length + 1. */
  private readonly starts: Int32Array;

  constructor(private readonly list: readonly OuRecord[]) {
    const starts = new Int32Array(list.length + 1);
    let offset = 0;
    for (let i = 0; i < list.length; i++) {
      starts[i] = offset;
      offset += list[i]!.lowerName.length + 1;
    }
    starts[list.length] = offset;
    this.starts = starts;
    this.text = list.map((r) => r.lowerName).join('/');
  }

  /** The records whose lower-cased name contains `needle` (lower-cased by the caller), in list order. */
  containing(needle: string): OuRecord[] {
    if (needle === '') return this.list.slice();
    const out: OuRecord[] = [];
    if (needle.includes('/')) return out;
    const { text, starts, list } = this;
    let i = 0;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, starts[i + 1]!)) {
      while (starts[i + 1]! <= at) i++;
      out.push(list[i]!);
      // The next scan starts at the next name: each record is listed once.
    }
    return out;
  }
}
