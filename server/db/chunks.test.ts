import { describe, expect, it } from 'vitest';
import { inChunks } from './chunks.ts';

describe('inChunks (server/db/chunks.ts)', () => {
  it('calls f on consecutive chunks, in order, one at a time, and concatenates what they return', async () => {
    const seen: number[][] = [];
    let running = 0;
    const out = await inChunks([1, 2, 3, 4, 5, 6, 7], 3, async (c) => {
      expect(++running).toBe(1);
      seen.push(c);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return c.map((x) => x * 10);
    });
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('never calls f for no items, takes f returning nothing, and refuses a size below one', async () => {
    let calls = 0;
    expect(await inChunks([], 500, async () => { calls++; return [1]; })).toEqual([]);
    expect(calls).toBe(0);
    expect(await inChunks(['a', 'b'], 1, async () => undefined)).toEqual([]);
    await expect(inChunks([1], 0, async () => [])).rejects.toThrow(/size 0/);
  });

  it('hands over more than 100,000 items (past either database\'s parameter limit) in chunks of the size asked', async () => {
    const items = Array.from({ length: 100_001 }, (_, i) => i);
    const sizes: number[] = [];
    const out = await inChunks(items, 500, async (c) => { sizes.push(c.length); return [c[0]!]; });
    expect(sizes.length).toBe(201);
    expect(sizes.at(-1)).toBe(1);
    expect(sizes.slice(0, -1).every((n) => n === 500)).toBe(true);
    expect(out[200]).toBe(100_000);
  });
});
