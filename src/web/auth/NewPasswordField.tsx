/** A new password, with the policy stated under it and the rules the browser can check shown early. */
import { useId } from 'react';
import { PASSWORD_RULE_MESSAGES, PASSWORD_RULES_TEXT, passwordShapeProblem } from '#shared/password-policy';

export function NewPasswordField({
  label = 'New password',
  value,
  onChange,
  who,
  checked,
  serverError,
}: {
  label?: string;
  value: string;
  onChange(v: string): void;
  who: { email?: string; name?: string };
  /** The form was submitted once: show the browser's own findings. */
  checked: boolean;
  serverError?: string | null;
}) {
  const id = useId();
  const local = passwordShapeProblem(value, who);
  const error = serverError ?? (checked && local ? PASSWORD_RULE_MESSAGES[local] : null);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <small id={`${id}-note`} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined}>
        {error ?? PASSWORD_RULES_TEXT}
      </small>
    </div>
  );
}

/** The policy's refusal from the server, if that is what err is. */
export function policyError(err: unknown): string | null {
  const e = err as { code?: string; message?: string } | null;
  return e && e.code === 'password_policy' ? (e.message ?? null) : null;
}
