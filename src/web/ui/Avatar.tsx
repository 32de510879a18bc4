import { initials } from '../lib/format';

/** A round badge with initials; the hue is stable per name. */
export function Avatar({ name, size = 28, title }: { name: string; size?: number; title?: string }) {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span
      className="avatar"
      title={title ?? name}
      aria-label={title ?? name}
      role="img"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4), background: `hsl(${h} 45% 92%)`, color: `hsl(${h} 45% 30%)` }}
    >
      {initials(name)}
    </span>
  );
}
