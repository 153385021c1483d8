// fast-check arbitraries from a route's own zod contract (via zod 4's JSON Schema): the fuzz test's valid inputs,
// and the matrix test's values for route parameters it has no real id for.
import fc from 'fast-check';
import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** The input side of a zod schema as JSON Schema (refinements are not representable; the server still checks them). */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

/** Extra candidates for a string property, by name: real ids, so valid input reaches past the lookups. */
export type Hints = (property: string) => readonly string[] | undefined;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
/** A real calendar date, YYYY-MM-DD. */
export const calendarDate = instant.map((d) => d.toISOString().slice(0, 10));
/** One UTF-16 unit per character, so maxLength means what zod means: Chinese, ASCII, whitespace and a few awkward ones. */
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'审批制度改革领导小组办公室昌吉州阜康市联络员信息员科长专班') },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '\n', '\u3000', "'", '"', '\\', '%', '_', '\u200b', '\ufeff', 'ع', 'ü') },
);

export function arbitraryFor(schema: JsonSchema, hints: Hints = () => undefined, root: JsonSchema = schema, name?: string): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = schema.$ref.startsWith('#/$defs/') ? root.$defs?.[schema.$ref.slice('#/$defs/'.length)] : schema.$ref === '#' ? root : undefined;
    return target ? fc.constant(null).chain(() => arbitraryFor(target, hints, root, name)) : fc.jsonValue({ maxDepth: 2 });
  }
  const sub = (s: JsonSchema, n = name) => arbitraryFor(s, hints, root, n);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => sub(s)));
  if (schema.allOf?.length) return sub(schema.allOf[0]!);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => sub({ ...schema, type })));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(INT_MIN, schema.minimum ?? INT_MIN, schema.exclusiveMinimum === undefined ? INT_MIN : Math.floor(schema.exclusiveMinimum) + 1);
      const max = Math.min(INT_MAX, schema.maximum ?? INT_MAX, schema.exclusiveMaximum === undefined ? INT_MAX : Math.ceil(schema.exclusiveMaximum) - 1);
      return fc.integer({ min, max });
    }
    case 'number':
      return fc
        .double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true })
        .filter((n) => (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) && (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum));
    case 'string': {
      const base = stringFor(schema);
      const real = name ? hints(name) : undefined;
      return real?.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: base }) : base;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 4, min + 4);
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => sub(s)));
      return fc.array(schema.items ? sub(schema.items) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: max });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, sub(s, k)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 10_000;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (s.format === 'date' || s.pattern === DATE_PATTERN) return calendarDate;
  if (s.format === 'date-time') return instant.map((d) => d.toISOString());
  if (s.format === 'email') {
    return fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.stringMatching(/^[a-z]{1,12}$/), fc.constantFrom('cn', 'com', 'gov.cn'))
      .map(([user, host, tld]) => `${user}@${host}.${tld}`)
      .filter(fits);
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  return fc.string({ unit: char, minLength: min, maxLength: Math.min(max, min + 60) });
}

/** A querystring from a generated object: arrays repeat the key, null and undefined are left out. */
export function toQueryString(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) q.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
