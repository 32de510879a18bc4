/**
 * A location's widget settings, kept in locations.settings.webchat:
 * {allowedOrigins: string[], greeting?: string, color?: string}.
 */
import { WEBCHAT_DEFAULTS, type WebchatSettingsInput } from '#shared/webchat';
import type { Queryable } from '../../db/pool';

export interface WidgetLocation {
  id: string;
  name: string;
  country: string;
  allowedOrigins: string[];
  greeting: string;
  color: string;
}

interface Stored {
  allowedOrigins?: unknown;
  greeting?: unknown;
  color?: unknown;
}

function fromRow(r: { id: string; name: string; country: string; webchat: Stored | null }): WidgetLocation {
  const w = r.webchat ?? {};
  return {
    id: r.id,
    name: r.name,
    country: r.country,
    allowedOrigins: Array.isArray(w.allowedOrigins) ? w.allowedOrigins.filter((o): o is string => typeof o === 'string') : [],
    greeting: typeof w.greeting === 'string' && w.greeting ? w.greeting : WEBCHAT_DEFAULTS.greeting,
    color: typeof w.color === 'string' && w.color ? w.color : WEBCHAT_DEFAULTS.color,
  };
}

/** The location with its widget settings (defaults filled in), or null when there is no such location. */
export async function loadWidgetLocation(db: Queryable, locationId: string): Promise<WidgetLocation | null> {
  const r = await db.query(`SELECT id, name, country, settings->'webchat' AS webchat FROM locations WHERE id = $1`, [locationId]);
  return r.rows[0] ? fromRow(r.rows[0]) : null;
}

export async function saveWidgetSettings(db: Queryable, locationId: string, input: WebchatSettingsInput): Promise<WidgetLocation> {
  const value = {
    allowedOrigins: [...new Set(input.allowedOrigins)],
    ...(input.greeting ? { greeting: input.greeting } : {}),
    ...(input.color ? { color: input.color } : {}),
  };
  const r = await db.query(
    `UPDATE locations SET settings = jsonb_set(settings, '{webchat}', $2::jsonb), updated_at = now()
      WHERE id = $1 RETURNING id, name, country, settings->'webchat' AS webchat`,
    [locationId, JSON.stringify(value)],
  );
  return fromRow(r.rows[0]);
}

export function isAllowedOrigin(location: WidgetLocation, origin: string | undefined): origin is string {
  return !!origin && location.allowedOrigins.includes(origin);
}
