import { CompiledQuery, type Compilable } from 'kysely';
import { directReaderOf, prepareOnPostgres, type Db, type Tx } from './db.ts';

type Q = Db | Tx;
type Param = { arg: number } | { value: unknown };
interface Shape {
  sql: string;
  params: Param[];
}

const STAND_IN = /^\u0000arg(\d+)\u0000$/;

/**
 * Queries built and compiled by Kysely once per shape and database kind, then run with each call's values. For hot
 * read paths: compiling the task page's ten queries once saved 264 of its 777 µs (in process, full-scale SQLite;
 * BENCHMARKS.md). `build` gets stand-ins for the values, so a value may only be a parameter of the SQL (one
 * written into the SQL text is refused the first time); whatever chooses the shape (which filters are present, how
 * many items an `in` list has) must not be read from the stand-ins and belongs in the key. Only selects: outside a
 * transaction they run on the database's direct reader (db.ts: DirectReader, rows keyed as CamelCasePlugin keys
 * them), inside one through Kysely. On PostgreSQL each shape is a named prepared statement (db.ts: prepareOnPostgres).
 */
export function shapeCache() {
  // Per dialect adapter: SQLite and PostgreSQL compile to different SQL (the tests run both in one process).
  const byAdapter = new WeakMap<object, Map<string, Shape>>();
  return async function run<R>(q: Q, key: string, values: unknown[], build: (standIns: string[]) => Compilable<R>): Promise<R[]> {
    const adapter = q.getExecutor().adapter;
    let shapes = byAdapter.get(adapter);
    if (!shapes) byAdapter.set(adapter, (shapes = new Map()));
    let shape = shapes.get(key);
    if (!shape) {
      const compiled = build(values.map((_, i) => `\u0000arg${i}\u0000`)).compile();
      const params: Param[] = compiled.parameters.map((p) => {
        const m = typeof p === 'string' ? STAND_IN.exec(p) : null;
        return m ? { arg: Number(m[1]) } : { value: p };
      });
      // A stand-in written into the SQL text (a literal, an identifier) would run with the stand-in's value forever.
      if (compiled.sql.includes('\u0000arg')) throw new Error(`shapeCache: a value was written into the SQL text: ${compiled.sql}`);
      // Outside a transaction a shape runs on the direct reader (db.ts), which on SQLite is a read-only connection.
      if (compiled.query.kind !== 'SelectQueryNode') throw new Error(`shapeCache: only queries that read (select) have shapes: ${compiled.sql}`);
      shapes.set(key, (shape = { sql: compiled.sql, params }));
      prepareOnPostgres(compiled.sql);
    }
    const parameters = shape.params.map((p) => ('arg' in p ? values[p.arg] : p.value));
    const direct = directReaderOf(q);
    if (direct) return (await direct.all(shape.sql, parameters)) as R[];
    return (await q.executeQuery<R>(CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>)).rows;
  };
}

/** A query of one fixed shape (see shapeCache): `build` is called once with stand-ins for its arguments. */
export function compiledOnce<A extends unknown[], R>(build: (q: Q, ...args: A) => Compilable<R>): (q: Q, ...args: A) => Promise<R[]> {
  const run = shapeCache();
  return (q, ...args) => run(q, '', args, (standIns) => build(q, ...(standIns as A)));
}

/** compiledOnce for a query that returns at most one row. */
export function compiledOnceFirst<A extends unknown[], R>(build: (q: Q, ...args: A) => Compilable<R>): (q: Q, ...args: A) => Promise<R | undefined> {
  const run = compiledOnce(build);
  return async (q, ...args) => (await run(q, ...args))[0];
}
