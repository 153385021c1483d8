import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newOneTimePassword } from './auth.service.ts';
import {
  checkPasswordPolicy,
  DEFAULT_SECURITY_POLICY,
  generateOneTimePassword,
  passwordClasses,
  passwordExpired,
  SecurityPolicySchema,
  type SecurityPolicy,
} from './password-policy.ts';

const policy = DEFAULT_SECURITY_POLICY;

describe('password policy (等保 defaults)', () => {
  it('defaults: 10 characters, 3 of 4 classes, 90 days, last 5, 5 failures in 15 min lock 30 min, idle 30 min, 8 h absolute', () => {
    expect(policy).toEqual({
      minLength: 10,
      minClasses: 3,
      maxAgeDays: 90,
      historySize: 5,
      lockoutThreshold: 5,
      lockoutWindowMinutes: 15,
      lockoutMinutes: 30,
      idleMinutes: 30,
      absoluteHours: 8,
    });
    expect(SecurityPolicySchema.parse(policy)).toEqual(policy);
  });

  it('counts the four character classes: lower, upper, digit, anything else', () => {
    expect(passwordClasses('')).toBe(0);
    expect(passwordClasses('abc')).toBe(1);
    expect(passwordClasses('abcDEF')).toBe(2);
    expect(passwordClasses('abcDEF123')).toBe(3);
    expect(passwordClasses('abcDEF123!')).toBe(4);
    expect(passwordClasses('改革abc')).toBe(2);
  });

  it('at least 10 characters: 9 are refused, 10 are accepted', () => {
    expect(checkPasswordPolicy('Abcdef12!', policy)).toHaveLength(1);
    expect(checkPasswordPolicy('Abcdef12!', policy)[0]).toMatch(/at least 10 characters/);
    expect(checkPasswordPolicy('Abcdef123!', policy)).toEqual([]);
  });

  it('length counts characters, not UTF-16 units or bytes', () => {
    // 9 code points, 12 UTF-16 units (the emoji are surrogate pairs).
    expect(checkPasswordPolicy('Ab1😀😀😀xyz', policy)).toEqual([expect.stringMatching(/at least 10/)]);
    expect(checkPasswordPolicy('审批改革Ab12xy', policy)).toEqual([]);
  });

  it('3 of 4 classes: two classes are refused, any three are accepted', () => {
    expect(checkPasswordPolicy('abcdefghij12', policy)).toEqual([expect.stringMatching(/at least 3 of upper, lower, digit, symbol/)]);
    expect(checkPasswordPolicy('ABCDEFGHIJ!!', policy)).toHaveLength(1);
    for (const pw of ['abcdeFGHIJ12', 'abcdefghi1!!', 'ABCDEFGHI1!!', 'abcdeFGHIJ!!']) expect(checkPasswordPolicy(pw, policy), pw).toEqual([]);
  });

  it('must not contain the user name, in any case', () => {
    expect(checkPasswordPolicy('Xx-Cj.Director-9', policy, 'cj.director')).toEqual([expect.stringMatching(/must not contain the user name/)]);
    expect(checkPasswordPolicy('Xx-cj.director-9', policy, 'CJ.DIRECTOR')).toHaveLength(1);
    expect(checkPasswordPolicy('Xx-cj.directo-9', policy, 'cj.director')).toEqual([]);
  });

  it('names every rule broken, not just the first', () => {
    expect(checkPasswordPolicy('alice', policy, 'alice')).toHaveLength(3);
  });

  it('follows the configured policy, not the defaults', () => {
    const strict: SecurityPolicy = { ...policy, minLength: 14, minClasses: 4 };
    expect(checkPasswordPolicy('Abcdef123!', strict)).toHaveLength(1);
    expect(checkPasswordPolicy('Abcdefgh12345', strict)).toHaveLength(2);
    expect(checkPasswordPolicy('Abcdefgh12345!', strict)).toEqual([]);
  });

  it('a password expires after maxAgeDays; 0 means never', () => {
    const changed = '2026-01-01T00:00:00.000Z';
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00.000Z'), policy)).toBe(false); // 89 days
    expect(passwordExpired(changed, new Date('2026-04-01T00:00:00.000Z'), policy)).toBe(false); // exactly 90 days
    expect(passwordExpired(changed, new Date('2026-04-01T00:00:00.001Z'), policy)).toBe(true);
    expect(passwordExpired(changed, new Date('2036-01-01T00:00:00.000Z'), { ...policy, maxAgeDays: 0 })).toBe(false);
  });

  it('the policy schema refuses weakening below the floor and unknown keys', () => {
    expect(SecurityPolicySchema.safeParse({ ...policy, minLength: 7 }).success).toBe(false);
    expect(SecurityPolicySchema.safeParse({ ...policy, lockoutThreshold: 0 }).success).toBe(false);
    expect(SecurityPolicySchema.safeParse({ ...policy, absoluteHours: 73 }).success).toBe(false);
    expect(SecurityPolicySchema.safeParse({ ...policy, extra: 1 }).success).toBe(false);
  });
});

describe('one-time passwords', () => {
  /** A `random(n)` driven by fast-check's integers: every sequence of choices the generator can make. */
  const randomFrom = (draws: number[]) => {
    let i = 0;
    return (n: number) => draws[i++ % draws.length]! % n;
  };

  it('always satisfy the default policy, whatever the random source returns (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), (draws) => {
        const pw = generateOneTimePassword(randomFrom(draws));
        expect(pw).toHaveLength(16);
        expect(passwordClasses(pw)).toBe(4);
        expect(checkPasswordPolicy(pw, DEFAULT_SECURITY_POLICY)).toEqual([]);
        // No look-alikes (0/O, 1/l/I) in a password that is read aloud or copied from paper.
        expect(pw).not.toMatch(/[0O1lI]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('the degenerate source (always 0) still gives all four classes', () => {
    const pw = generateOneTimePassword(() => 0);
    expect(checkPasswordPolicy(pw, DEFAULT_SECURITY_POLICY)).toEqual([]);
  });

  it('the real generator (crypto randomInt) satisfies the policy and does not repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const pw = newOneTimePassword();
      expect(checkPasswordPolicy(pw, DEFAULT_SECURITY_POLICY)).toEqual([]);
      seen.add(pw);
    }
    expect(seen.size).toBe(500);
  });
});
