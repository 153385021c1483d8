import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum the library ships ambient). */
const ARGON2ID = 2;

/** argon2id with the library's defaults (19 MiB, t=2, p=1: OWASP's minimum profile). */
export const hashPassword = (pw: string) => hash(pw, { algorithm: ARGON2ID });
export const verifyPassword = (stored: string, pw: string) => verify(stored, pw).catch(() => false);

/** A hash to verify against when the user is unknown, so both failures take the same time. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-Aa1!'));
