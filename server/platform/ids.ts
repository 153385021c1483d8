import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

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
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random token for sessions, CSRF and one-time passwords' seeds (base64url, 256 bits). */
export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
