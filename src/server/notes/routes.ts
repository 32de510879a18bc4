import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { MessageSchema, NoteCreateSchema } from '#shared/messages';
import type { RouteModule } from '../http/types';
import { addNote } from './service';

/** POST /conversations/{id}/notes, and /comments: the name API v1 published first, kept as an alias. */
export const noteRoutes: RouteModule = (app, { pool }) => {
  for (const [path, summary] of [
    ['/conversations/:id/notes', 'Add a note for the team (an internal comment, never sent to the contact); mention with @[Name](userId)'],
    ['/conversations/:id/comments', 'Add an internal comment: the same as …/notes (its first name, kept)'],
  ] as const) {
    app.post(path, {
      schema: { tags: ['messages'], summary, params: IdParams, body: NoteCreateSchema, response: { 201: MessageSchema, 404: ErrorBodySchema, 422: ErrorBodySchema } },
      handler: async (req, reply) => reply.status(201).send(await addNote(pool, req.auth.locationId, req.auth.userId, req.params.id, req.body.body)),
    });
  }
};
