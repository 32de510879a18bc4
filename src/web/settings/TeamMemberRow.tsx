/** One team member: name and e-mail, role, a password reset link, and removal with an inline confirm step. */
import { KeyRound, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { TeamMember } from '#shared/team';
import { Avatar } from '../ui/Avatar';

export function TeamMemberRow({
  member,
  isYou,
  busy,
  onRole,
  onOnlyAssigned,
  onRemove,
  onResetLink,
}: {
  member: TeamMember;
  isYou: boolean;
  busy: boolean;
  onRole(role: TeamMember['role']): void;
  onOnlyAssigned(onlyAssigned: boolean): void;
  onRemove(): void;
  onResetLink(): void;
}) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the step: to "Remove" when asked, back to the trash button when cancelled.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) removeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <tr className={busy ? 'is-busy' : undefined}>
      <td>
        <div className="tm-who">
          <Avatar name={member.name} size={28} />
          <div className="tm-names">
            <span className="tm-name">
              {member.name}
              {isYou && <span className="muted"> (you)</span>}
            </span>
            <span className="tm-email">{member.email}</span>
          </div>
        </div>
      </td>
      <td className="tm-role">
        <select value={member.role} disabled={busy} aria-label={`Role of ${member.name}`} onChange={(e) => onRole(e.target.value as TeamMember['role'])}>
          <option value="admin">Admin</option>
          <option value="user">User</option>
        </select>
      </td>
      <td className="tm-scope">
        <label className="tm-only" title="Sees only the conversations assigned to them (in lists, search and live updates)">
          <input type="checkbox" checked={member.onlyAssigned} disabled={busy} onChange={(e) => onOnlyAssigned(e.target.checked)} />
          <span>Only assigned</span>
        </label>
      </td>
      <td className="tm-actions">
        {isYou ? null : confirming ? (
          <div className="tm-confirm" role="group" aria-label={`Confirm removing ${member.name}`}>
            <span className="tm-confirm-text">Remove?</span>
            <button
              ref={confirmRef}
              type="button"
              className="button small danger"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                onRemove();
              }}
            >
              Remove
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <span className="tm-buttons">
            <button
              type="button"
              className="icon-button"
              disabled={busy}
              aria-label={`Reset link for ${member.name}`}
              title={`A one-time link for ${member.name} to choose a new password`}
              onClick={onResetLink}
            >
              <KeyRound size={15} aria-hidden="true" />
            </button>
            <button
              ref={removeRef}
              type="button"
              className="icon-button tm-remove"
              disabled={busy}
              aria-label={`Remove ${member.name}`}
              title={`Remove ${member.name} from this location`}
              onClick={() => setConfirming(true)}
            >
              <Trash2 size={15} aria-hidden="true" />
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
