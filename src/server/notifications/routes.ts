/**
 * The notification centre of the signed-in user in the current location, and their notification
 * settings (kept in users.preferences.notifications, for every location).
 */
import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationListQuery,
  NotificationPageSchema,
  NotificationSettingsPatchSchema,
  NotificationSettingsSchema,
  UnreadCountSchema,
  type NotificationSettings,
} from '#shared/notifications';
import type { Queryable } from '../db/pool';
import { requireUser } from '../http/authenticate';
import { mergePreferences } from '../preferences/merge';
import type { RouteModule } from '../http/types';
import { listNotifications, markRead } from './service';

const tags = ['notifications'];

async function loadSettings(db: Queryable, userId: string): Promise<NotificationSettings> {
  const r = await db.query(`SELECT preferences -> 'notifications' AS s FROM users WHERE id = $1`, [userId]);
  const stored = (r.rows[0]?.s ?? {}) as Partial<NotificationSettings>;
  const out = { ...DEFAULT_NOTIFICATION_SETTINGS };
  for (const k of Object.keys(out) as (keyof NotificationSettings)[]) if (typeof stored[k] === 'boolean') out[k] = stored[k];
  return out;
}

export const notificationRoutes: RouteModule = (app, { pool }) => {
  app.get('/notifications', {
    schema: {
      tags,
      summary: 'My notifications in this location, newest first, with the unread count',
      querystring: NotificationListQuery,
      response: { 200: NotificationPageSchema, 403: ErrorBodySchema },
    },
    handler: (req) => listNotifications(pool, req.auth.locationId, requireUser(req.auth), req.query),
  });

  app.post('/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Mark one notification read',
      params: IdParams,
      response: { 200: UnreadCountSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (req) => ({ unreadCount: await markRead(pool, req.auth.locationId, requireUser(req.auth), [req.params.id]) }),
  });

  app.post('/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications in this location read', response: { 200: UnreadCountSchema, 403: ErrorBodySchema } },
    handler: async (req) => ({ unreadCount: await markRead(pool, req.auth.locationId, requireUser(req.auth), null) }),
  });

  app.get('/me/notification-settings', {
    schema: { tags, summary: 'Which notifications I get (each kind, and browser notifications)', response: { 200: NotificationSettingsSchema, 403: ErrorBodySchema } },
    handler: (req) => loadSettings(pool, requireUser(req.auth)),
  });

  app.patch('/me/notification-settings', {
    schema: {
      tags,
      summary: 'Turn kinds of notifications on or off',
      body: NotificationSettingsPatchSchema,
      response: { 200: NotificationSettingsSchema, 400: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      await mergePreferences(pool, userId, req.body, 'notifications');
      return loadSettings(pool, userId);
    },
  });
};
