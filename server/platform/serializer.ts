import fastJsonStringify from 'fast-json-stringify';
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify';
import { safeEncode, toJSONSchema, type ZodType } from 'zod';
import { ResponseSerializationError, serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

/**
 * Responses are written by a serializer compiled from each route's zod response schema (fast-json-stringify over
 * the schema's JSON Schema): only the schema's properties, like zod's encode + JSON.stringify (optional ones may come
 * after the required ones), without
 * building a validated copy first. That copy and its string cost 41 µs of a task page's ~520 (bench/).
 *
 * With `check` (tests, e2e, RESPONSE_CHECK=1), every response is also encoded by zod: a response the schema refuses
 * fails as before (ResponseSerializationError), and one the two serializers write differently is a bug found.
 * A schema JSON Schema cannot express (a transform, a custom check) keeps zod's serializer.
 */
export function responseSerializerCompiler(opts: { check: boolean }): FastifySerializerCompiler<ZodType> {
  return (route) => {
    // Compiled on a route's first response: compiling all of them at start-up took the server 0.8 s longer to be ready.
    let write: ((data: unknown) => string) | undefined;
    return (data) => (write ??= compile(route, opts.check))(data);
  };
}

function compile(route: Parameters<FastifySerializerCompiler<ZodType>>[0], check: boolean): (data: unknown) => string {
  const { schema, method, url } = route;
  let stringify: (data: unknown) => string;
  try {
    const json = toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
    stringify = fastJsonStringify(json as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
  } catch {
    return zodSerializerCompiler(route) as (data: unknown) => string;
  }
  if (!check) return stringify;
  return (data) => {
    const checked = safeEncode(schema, data);
    if (checked.error) throw new ResponseSerializationError(method, url, { cause: checked.error });
    const out = stringify(data);
    // The same JSON value (fast-json-stringify may write optional properties after the required ones).
    if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(JSON.stringify(checked.data)))) {
      throw new Error(`response serializer differs from zod for ${method} ${url}: ${out.slice(0, 500)}`);
    }
    return out;
  };
}
