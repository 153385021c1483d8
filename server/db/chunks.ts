/**
 * `f` over `items` in consecutive chunks of at most `size`, one after another (a statement's parameters are
 * limited: SQLite 32,766, PostgreSQL 65,535), with the results of all chunks concatenated in order.
 */
export async function inChunks<T, R>(items: readonly T[], size: number, f: (chunk: T[]) => Promise<readonly R[] | void>): Promise<R[]> {
  if (!(size >= 1)) throw new Error(`inChunks: size ${size}`);
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    const r = await f(items.slice(i, i + size));
    if (r) for (const x of r) out.push(x);
  }
  return out;
}
