import { randomBytes, randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// Random bits taken from a pool refilled 512 ids at a time (as crypto.randomUUID does): one randomBytes call per id
// was 2 % of a task page's CPU (bench/, request ids).
const pool = Buffer.alloc(4096);
let taken = pool.length;

/** UUIDv7 (RFC 9562): sortable by creation time; a counter keeps ids from one process monotonic within a millisecond. */
export function newId(now: number = Date.now()): string {
  if (now <= lastMs) {
    now = lastMs;
    seq = (seq + 1) & 0xfff;
    if (seq === 0) now = ++lastMs;
  } else {
    lastMs = now;
    seq = 0;
  }
  if (taken + 8 > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  pool[taken] = (pool[taken]! & 0x3f) | 0x80; // variant 10
  const r = pool.toString('hex', taken, taken + 8);
  taken += 8;
  const t = now.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-${(0x7000 | seq).toString(16)}-${r.slice(0, 4)}-${r.slice(4)}`;
}

/** A random token for sessions, CSRF and one-time passwords' seeds (base64url, 256 bits). */
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
