/**
 * The password policy (rules and texts in src/shared/password-policy.ts): at least 10 characters,
 * not the e-mail or name, and not among the 10,000 most common passwords — the list ships with the
 * code (common-passwords.txt, from the xato 10-million-password corpus as packaged by zxcvbn-ts,
 * MIT), nothing is fetched. Compared ignoring case, and also with the digits and symbols at either
 * end taken off ("Password123!" is "password"). Checked when a password is set, never on sign-in.
 */
import { readFileSync } from 'node:fs';
import { PASSWORD_RULE_MESSAGES, passwordShapeProblem, type PasswordRule } from '#shared/password-policy';
import { AppError } from '../http/errors';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

/** The core of a password: lower case, without the digits and symbols around it. */
const core = (p: string) => p.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

export function passwordProblem(password: string, who: { email?: string | null; name?: string | null } = {}): PasswordRule | null {
  const shape = passwordShapeProblem(password, who);
  if (shape) return shape;
  const list = commonPasswords();
  const lower = password.toLowerCase();
  const stripped = core(password);
  if (list.has(lower) || (stripped.length >= 4 && list.has(stripped))) return 'common';
  return null;
}

/** Throws 422 password_policy naming the broken rule (details.rule, details.field). */
export function assertPasswordPolicy(password: string, who: { email?: string | null; name?: string | null }, field: string): void {
  const rule = passwordProblem(password, who);
  if (rule) throw new AppError(422, 'password_policy', PASSWORD_RULE_MESSAGES[rule], { rule, field });
}
