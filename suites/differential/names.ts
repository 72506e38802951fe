/**
 * Adversarial names and search terms, generated as specs and rendered at run time with the
 * sequence's tag: every name the phase creates carries the tag (in some letter case), so no
 * OU of the tenant's own data, of other checks or of earlier sequences can clash with it or
 * match a tenant-wide search that carries the tag.
 */
import fc from 'fast-check';
import { NAME_MAX } from '../../mock/core/index.ts';

/** How the tag is written: as generated (mixed case), lower-cased or upper-cased. */
export type TagCase = 'as' | 'lower' | 'upper';

/** Short stems whose pairs clash case-insensitively or extend one another (Eng / eng / Eng2 / En). */
const STEMS = ['', 'Eng', 'eng', 'ENG', 'Eng2', 'eng2', 'En', 'Eng Ops', 'Ωmega', 'ωMEGA', 'a', 'A'] as const;
/** Characters that are wildcards or metacharacters somewhere (LIKE, glob, regex) and plain text here. */
const PUNCT = ['', '%', '_', '*', '.', '.*', '?', '+', '^', '$', '[a]', '(x)', '{1}', '|', '\\', "'", '"', '-', ' '] as const;
/** Outer white space that every common trim removes. */
const OUTER = ['', ' ', '  ', '\t', ' \t '] as const;

export type NameSpec =
  | { kind: 'valid'; stem: string; punct: string; tagAt: 'start' | 'end' | 'middle'; tagCase: TagCase; lead: string; trail: string }
  /** 255 characters after trimming (the longest valid name), with or without outer white space. */
  | { kind: 'longest'; tagCase: TagCase; lead: string; trail: string }
  | { kind: 'empty' }
  | { kind: 'blank'; ws: string }
  | { kind: 'tooLong' }
  | { kind: 'slash'; at: 'start' | 'middle' | 'end' };

export function tagIn(tag: string, c: TagCase): string {
  return c === 'lower' ? tag.toLowerCase() : c === 'upper' ? tag.toUpperCase() : tag;
}

/** The name a spec stands for, with `tag` as the sequence's tag. */
export function renderName(spec: NameSpec, tag: string): string {
  switch (spec.kind) {
    case 'valid': {
      const t = tagIn(tag, spec.tagCase);
      const core =
        spec.tagAt === 'start' ? `${t}${spec.stem}${spec.punct}` : spec.tagAt === 'end' ? `${spec.stem}${spec.punct}${t}` : `${spec.stem} ${t} ${spec.punct}`;
      return `${spec.lead}${core.trim() === '' ? t : core}${spec.trail}`;
    }
    case 'longest': {
      const t = tagIn(tag, spec.tagCase);
      return `${spec.lead}${t}${'x'.repeat(NAME_MAX - t.length)}${spec.trail}`;
    }
    case 'empty':
      return '';
    case 'blank':
      return spec.ws;
    case 'tooLong':
      return `${tag}${'y'.repeat(NAME_MAX + 1 - tag.length)}`;
    case 'slash':
      return spec.at === 'start' ? `/${tag}` : spec.at === 'end' ? `${tag}/` : `${tag}/Eng`;
  }
}

const tagCase = fc.constantFrom<TagCase>('as', 'as', 'lower', 'upper');
const outer = fc.constantFrom(...OUTER);

const variedName: fc.Arbitrary<NameSpec> = fc.record({
  kind: fc.constant('valid' as const),
  stem: fc.constantFrom(...STEMS),
  punct: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: fc.constantFrom(...PUNCT) }),
  tagAt: fc.constantFrom('start' as const, 'start' as const, 'end' as const, 'middle' as const),
  tagCase,
  lead: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: outer }),
  trail: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: outer }),
});

/**
 * Names from a tiny set (the tag and Eng / eng / ENG / Eng2 / eng2, Är / är): siblings clash or
 * extend one another often; Är and är differ only outside ASCII, where folding A-Z alone misses the clash.
 */
const clashingName: fc.Arbitrary<NameSpec> = fc.record({
  kind: fc.constant('valid' as const),
  stem: fc.constantFrom('', 'Eng', 'eng', 'ENG', 'Eng2', 'eng2', 'Är', 'är'),
  punct: fc.constant(''),
  tagAt: fc.constant('start' as const),
  tagCase,
  lead: fc.constant(''),
  trail: fc.constant(''),
});

export const validName: fc.Arbitrary<NameSpec> = fc.oneof({ weight: 3, arbitrary: clashingName }, { weight: 2, arbitrary: variedName });

const longest: fc.Arbitrary<NameSpec> = fc.record({ kind: fc.constant('longest' as const), tagCase, lead: outer, trail: outer });

const invalidName: fc.Arbitrary<NameSpec> = fc.oneof(
  fc.constant<NameSpec>({ kind: 'empty' }),
  fc.record({ kind: fc.constant('blank' as const), ws: fc.constantFrom(' ', '   ', '\t', ' \t ') }),
  fc.constant<NameSpec>({ kind: 'tooLong' }),
  fc.record({ kind: fc.constant('slash' as const), at: fc.constantFrom('start' as const, 'middle' as const, 'end' as const) }),
);

/** Mostly valid names from a small vocabulary (so siblings clash), sometimes the longest or an invalid one. */
export const anyName: fc.Arbitrary<NameSpec> = fc.oneof(
  { weight: 10, arbitrary: validName },
  { weight: 1, arbitrary: longest },
  { weight: 4, arbitrary: invalidName },
);

/** A search term: scoped lists take any term; tenant-wide lists need the tag in it (see module doc). */
export interface SearchSpec {
  withTag: boolean;
  /** Scoped lists only: the tag's last character replaced by the wildcard (a match only where it is a wildcard). */
  mask: boolean;
  tagCase: TagCase;
  stem: string;
  punct: string;
  lead: string;
  trail: string;
}

/** What is a wildcard or metacharacter to LIKE, globs or regular expressions. */
const WILDCARDS = ['%', '_', '*', '.', '.*', '?', '[a]', '^', '$', '+', '\\', '(x)', '{1}', '|'] as const;

/** Terms that match some names (fragments of the vocabulary, any case) far more often than none. */
export const searchSpec: fc.Arbitrary<SearchSpec> = fc.record({
  withTag: fc.boolean(),
  mask: fc.boolean(),
  tagCase,
  stem: fc.constantFrom('', '', 'eng', 'ENG', 'Eng2', 'en', 'ng', 'g2', 'ops', 'ω', 'Ω', 'x', 'zz-none'),
  punct: fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.constantFrom(...WILDCARDS) },
    { weight: 1, arbitrary: fc.constantFrom("'", '"', '-', ' ') },
  ),
  lead: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' ', '  ') }),
  trail: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' ', '  ') }),
});

/** The search text; `needTag` forces the tag in (tenant-wide lists). */
export function renderSearch(spec: SearchSpec, tag: string, needTag: boolean): string {
  if (spec.mask && !needTag && spec.punct !== '') return `${spec.lead}${tagIn(tag, spec.tagCase).slice(0, -1)}${spec.punct}${spec.trail}`;
  const t = spec.withTag || needTag ? tagIn(tag, spec.tagCase) : '';
  return `${spec.lead}${t}${spec.stem}${spec.punct}${spec.trail}`;
}

/** Custom attribute values: keys that are special somewhere (`__proto__`, `constructor`), nesting, nulls. */
export const ATTRIBUTES: readonly (() => Record<string, unknown>)[] = [
  () => ({}),
  () => ({ team: 'core', level: 3, tags: ['a', 'b'] }),
  () => JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as Record<string, unknown>,
  () => JSON.parse('{"constructor": {"prototype": {"x": 1}}, "toString": "s"}') as Record<string, unknown>,
  () => ({ nested: { deep: { deeper: [1, { z: null }] } }, empty: {}, nothing: null }),
  () => ({ 'Ω': 'ω', ' spaced key ': ' v ', '': 'empty key' }),
];
