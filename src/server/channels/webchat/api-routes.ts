/**
 * The team's side of web chat under /api/v1: the widget settings (allowed origins, greeting,
 * colour, embed snippet) and typing signals from the composer.
 */
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { TypingBodySchema, WebchatSettingsInputSchema, WebchatSettingsSchema, type WebchatSettings } from '#shared/webchat';
import { requireUser } from '../../http/authenticate';
import { notFound } from '../../http/errors';
import type { RouteModule } from '../../http/types';
import { loadWidgetLocation, saveWidgetSettings, type WidgetLocation } from './settings';

export const webchatApiRoutes: RouteModule = (app, { pool, hub, config }) => {
  const widgetUrl = `${config.publicUrl}/widget.js`;
  const answer = (l: WidgetLocation): WebchatSettings => ({
    allowedOrigins: l.allowedOrigins,
    greeting: l.greeting,
    color: l.color,
    widgetUrl,
    embedSnippet: `<script src="${widgetUrl}" data-location="${l.id}" async></script>`,
  });

  app.get('/webchat/settings', {
    schema: { tags: ['web chat'], summary: 'The chat widget of this location: allowed sites, look, embed snippet', response: { 200: WebchatSettingsSchema } },
    handler: async (req) => {
      const l = await loadWidgetLocation(pool, req.auth.locationId);
      if (!l) throw notFound('Location');
      return answer(l);
    },
  });

  app.put('/webchat/settings', {
    config: { access: 'admin' },
    schema: {
      tags: ['web chat'],
      summary: 'Set the sites that may embed the widget (full origins such as https://clinic.example), greeting and colour',
      body: WebchatSettingsInputSchema,
      response: { 200: WebchatSettingsSchema, 400: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (req) => answer(await saveWidgetSettings(pool, req.auth.locationId, req.body)),
  });

  app.post('/conversations/:id/typing', {
    schema: {
      tags: ['web chat'],
      summary: 'The signed-in user is typing a reply (or stopped): shown to the web chat visitor and the team',
      params: IdParams,
      body: TypingBodySchema,
      response: { 200: OkSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      const r = await pool.query<{ name: string }>(
        `SELECT u.name FROM conversations c, users u WHERE c.location_id = $1 AND c.id = $2 AND u.id = $3`,
        [req.auth.locationId, req.params.id, userId],
      );
      if (!r.rows[0]) throw notFound('Conversation');
      await hub.publishTyping({ locationId: req.auth.locationId, conversationId: req.params.id, who: userId, name: r.rows[0].name, typing: req.body.typing });
      return { ok: true as const };
    },
  });
};
