import { expect, it } from 'vitest';
import { newId } from './ids.ts';

it('newId gives RFC 9562 UUIDv7 strings: the time in the first 48 bits, version 7, variant 10, sortable and unique', () => {
  const t = Date.UTC(2026, 11, 5, 8, 0, 0);
  const ids = Array.from({ length: 20_000 }, (_, k) => newId(t + Math.floor(k / 5000)));
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids); // 5,000 in one millisecond stay in order (the counter), across refills of the random pool
  // The random part differs between ids (not a constant pool slice).
  expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
});
