/** Password policy checks; the policy itself is a shared contract (shared/contracts/security.ts). */
import { SecurityPolicySchema, type SecurityPolicy } from '../../../shared/contracts/security.ts';

export { SecurityPolicySchema, type SecurityPolicy };

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 10,
  minClasses: 3,
  maxAgeDays: 90,
  historySize: 5,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
  idleMinutes: 30,
  absoluteHours: 8,
};

/** Character classes: lower, upper, digit, other. */
export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(pw)).length;
}

/** Names every rule the password breaks (empty: acceptable). History is checked by the service. */
export function checkPasswordPolicy(pw: string, policy: SecurityPolicy, username?: string): string[] {
  const problems: string[] = [];
  if ([...pw].length < policy.minLength) problems.push(`至少 ${policy.minLength} 个字符 / at least ${policy.minLength} characters`);
  if (passwordClasses(pw) < policy.minClasses)
    problems.push(`至少包含大写、小写、数字、符号中的 ${policy.minClasses} 类 / at least ${policy.minClasses} of upper, lower, digit, symbol`);
  if (username && pw.toLowerCase().includes(username.toLowerCase())) problems.push('不得包含用户名 / must not contain the user name');
  return problems;
}

export function passwordExpired(changedAt: string, now: Date, policy: SecurityPolicy): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - Date.parse(changedAt) > policy.maxAgeDays * 86_400_000;
}

/** A one-time password that satisfies the default policy: 16 chars from all four classes. */
export function generateOneTimePassword(random: (n: number) => number, length = 16): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#%+=?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[random(s.length)]!);
  while (chars.length < length) chars.push(all[random(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
