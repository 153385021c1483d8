import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { safeEncode, toJSONSchema, type ZodType } from 'zod';
import { ResponseSerializationError, serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

/**
 * A response the database wrote as JSON (the ledger list's page from its kept rows: ledger.repository.ts). A route
 * returns it like any response object; the serializer sends its text as it is and checks it against the route's
 * schema as it checks the others (every one in tests, the first ones and a sample in production).
 */
export class JsonText {
  constructor(readonly text: string) {}
}
/**
 * An object's JSON with one more property whose value is JSON text as it is (a part the database wrote): the text
 * is spliced in, never parsed. The object must not have that property already.
 */
export function jsonTextWith(object: object, key: string, json: string): JsonText {
  const head = JSON.stringify(object);
  return new JsonText(`${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${json}}`);
}
/** The value a JsonText stands for (parsed), or the data itself. */
const valueOf = (data: unknown) => (data instanceof JsonText ? JSON.parse(data.text) as unknown : data);
const textOf = (data: unknown) => (data instanceof JsonText ? data.text : JSON.stringify(data));

/** Responses of a route checked against its zod schema in production: the first ones, then one in SAMPLE_EVERY. */
export const CHECK_FIRST = 20;
export const SAMPLE_EVERY = 256;

export interface SerializerOptions {
  /** Every response encoded by zod as well and compared (tests, e2e, RESPONSE_CHECK=1); a difference fails it. */
  check: boolean;
  /** Told when a route's response differs from its schema in production (the route then strips, below). */
  log?: (msg: string, detail: Record<string, unknown>) => void;
}

/**
 * Responses are the presenters' objects written by JSON.stringify: presenters build each response field by field,
 * so the object already is the schema's shape. Measured against fast-json-stringify compiled from the schema (which
 * writes only the schema's properties): 16 % more task pages a second (median of ten alternating 3-second rounds,
 * 50 connections, bench/'s SQLite file); fast-json-stringify's per-character string loop and string concatenation
 * cost more than V8's native writer under load, though only 26 against 22 µs a page in a loop (BENCHMARKS.md).
 * JSON.stringify with the schema's property names as its allowlist was as slow as fast-json-stringify.
 *
 * What keeps a presenter from sending a property its contract lacks (a hash, an internal note):
 * - `check` (tests, e2e): every response is encoded by zod too, and the two must be the same JSON value; a response
 *   the schema refuses fails as before (ResponseSerializationError).
 * - production: each route's first CHECK_FIRST responses, and one in SAMPLE_EVERY after them, are compared the same
 *   way. A route that differs once (or whose response its schema refuses) is logged and written by
 *   fast-json-stringify from then on (only the schema's properties, as before this change), the differing response
 *   included.
 * A schema JSON Schema cannot express (a transform, a custom check) keeps zod's serializer.
 */
export function responseSerializerCompiler(opts: SerializerOptions): FastifySerializerCompiler<ZodType> {
  return (route) => {
    // Compiled on a route's first response: compiling all of them at start-up took the server 0.8 s longer to be ready.
    let write: ((data: unknown) => string) | undefined;
    return (data) => (write ??= compile(route, opts))(data);
  };
}

/** The response zod's encode gives, as JSON; throws ResponseSerializationError when the schema refuses the data. */
function encoded(route: Parameters<FastifySerializerCompiler<ZodType>>[0], data: unknown): string {
  const checked = safeEncode(route.schema, data);
  if (checked.error) throw new ResponseSerializationError(route.method, route.url, { cause: checked.error });
  return JSON.stringify(checked.data);
}

function compile(route: Parameters<FastifySerializerCompiler<ZodType>>[0], opts: SerializerOptions): (data: unknown) => string {
  const { schema, method, url } = route;
  let json: Parameters<typeof fastJsonStringify>[0];
  try {
    json = toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' }) as typeof json;
  } catch {
    const zod = zodSerializerCompiler(route) as (data: unknown) => string;
    return (data) => zod(valueOf(data));
  }
  if (opts.check) {
    return (data) => {
      const expected = encoded(route, valueOf(data));
      const out = textOf(data);
      const at = differenceAt(out, expected);
      if (at !== null) {
        throw new Error(`response differs from its schema for ${method} ${url} at ${at} (a property the contract lacks, or a value zod changes)`);
      }
      return out;
    };
  }
  let strip: ((data: unknown) => string) | undefined;
  let n = 0;
  return (data) => {
    if (strip) return strip(valueOf(data));
    n++;
    const out = textOf(data);
    if (n > CHECK_FIRST && n % SAMPLE_EVERY !== 0) return out;
    let expected: string | null = null;
    try {
      expected = encoded(route, valueOf(data));
    } catch {
      // refused by the schema (a value outside an enum, a missing field): as different as it gets
    }
    const at = expected === null ? '(refused by the schema)' : differenceAt(out, expected);
    if (at === null) return out;
    opts.log?.("response differs from its schema: the route now writes only the schema's properties", { method, url, at });
    strip = fastJsonStringify(json) as (data: unknown) => string;
    return strip(valueOf(data));
  };
}

/** Where two JSON texts differ as values (property order aside), or null when they are the same value. */
const differenceAt = (out: string, expected: string) => (out === expected ? null : firstDifference(JSON.parse(out), JSON.parse(expected), ''));

/** The path of the first place two JSON values differ (names only, never values: it goes into errors and logs). */
export function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return path || '(top)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const sub = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
    if (!(k in a) || !(k in b)) return sub;
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], sub);
    if (d) return d;
  }
  return null;
}
