import { asArray, isRecord, typesOf } from '../functions/shape.ts';
import type { NullableType, PageType } from './page-type.ts';

const SCHEMA_REF = '#/components/schemas/';
const PRIMITIVES = ['string', 'integer', 'number', 'boolean'] as const;

/**
 * The page-type of a contract schema: `$ref`s by name, `type: [X, 'null']` and
 * `anyOf: [X, {type: 'null'}]` as nullable X, arrays by their items. Constraints
 * (minLength, enum, …) do not change the type. Undefined when the schema has a shape the
 * page's type language cannot express (so the caller reports it as a difference).
 */
export function contractType(schema: unknown): NullableType | undefined {
  if (!isRecord(schema)) return schema === true ? { type: { kind: 'any' }, nullable: false } : undefined;
  if (typeof schema.$ref === 'string') {
    return schema.$ref.startsWith(SCHEMA_REF) ? { type: { kind: 'ref', name: schema.$ref.slice(SCHEMA_REF.length) }, nullable: false } : undefined;
  }
  const alternatives = asArray(schema.anyOf ?? schema.oneOf);
  if (alternatives.length > 0 && schema.type === undefined) return fromAlternatives(alternatives);

  const types = typesOf(schema);
  const nullable = types.includes('null');
  const kinds = types.filter((t) => t !== 'null');
  if (kinds.length === 0) return { type: { kind: 'any' }, nullable };
  const members = kinds.map((k) => single(k, schema));
  if (members.some((m) => m === undefined)) return undefined;
  const defined = members as PageType[];
  const [only] = defined;
  return { type: defined.length === 1 && only ? only : { kind: 'union', of: defined }, nullable };
}

function single(kind: string, schema: Record<string, unknown>): PageType | undefined {
  if (kind === 'array') {
    const items: NullableType | undefined = schema.items === undefined ? { type: { kind: 'any' }, nullable: false } : contractType(schema.items);
    // The page cannot say "array of nullable X"; such items are a difference.
    return items && !items.nullable ? { kind: 'array', items: items.type } : undefined;
  }
  if (kind === 'object') return { kind: 'object' };
  const primitive = PRIMITIVES.find((p) => p === kind);
  if (!primitive) return undefined;
  return typeof schema.format === 'string' ? { kind: 'primitive', name: primitive, format: schema.format } : { kind: 'primitive', name: primitive };
}

function fromAlternatives(alternatives: readonly unknown[]): NullableType | undefined {
  const isNull = (a: unknown): boolean => isRecord(a) && a.type === 'null';
  const nullable = alternatives.some(isNull);
  const members = alternatives.filter((a) => !isNull(a)).map(contractType);
  if (members.length === 0) return { type: { kind: 'any' }, nullable };
  if (members.some((m) => m === undefined || m.nullable)) return undefined;
  const types = (members as NullableType[]).map((m) => m.type);
  const [only] = types;
  return { type: types.length === 1 && only ? only : { kind: 'union', of: types }, nullable };
}
