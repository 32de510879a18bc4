/**
 * The password policy, as both sides state it. The server (src/server/auth/password-policy.ts) is
 * the one that decides; it adds the common-password list, which the web app never downloads.
 * Applies whenever a password is set (new account, change, reset) — never on sign-in, so an older
 * password keeps working until it is changed.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** One sentence for forms. */
export const PASSWORD_RULES_TEXT = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password, and not your e-mail or name.`;

export type PasswordRule = 'min_length' | 'max_length' | 'common' | 'personal';

/** What each refusal says (the API's message and details.rule name the rule). */
export const PASSWORD_RULE_MESSAGES: Record<PasswordRule, string> = {
  min_length: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  max_length: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  common: 'That password is one of the most common passwords, which attackers try first: choose another.',
  personal: 'The password must not be your e-mail address or your name.',
};

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/** The rules the browser can check by itself (length, not the e-mail or name); null: none broken. */
export function passwordShapeProblem(password: string, who: { email?: string | null; name?: string | null } = {}): PasswordRule | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'min_length';
  if (length > PASSWORD_MAX_LENGTH) return 'max_length';
  const p = squash(password);
  const email = who.email ? squash(who.email) : '';
  const personal = [email, email.split('@')[0], who.name ? squash(who.name) : ''].filter((s) => s.length > 0);
  if (personal.includes(p)) return 'personal';
  return null;
}
