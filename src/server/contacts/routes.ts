import { IdParams, listOf, OkSchema } from '#shared/common';
import { ContactCreateSchema, ContactListQuery, ContactPatchSchema, ContactSchema } from '#shared/contacts';
import { ErrorBodySchema } from '#shared/errors';
import type { RouteModule } from '../http/types';
import { actorOf } from '../activity/record';
import { hideOthersDuplicate, restrictedTo } from './access';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './service';

const tags = ['contacts'];
const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

export const contactRoutes: RouteModule = (app, { pool }) => {
  app.get('/contacts', {
    schema: { tags, summary: 'List contacts, newest first', querystring: ContactListQuery, response: { 200: listOf(ContactSchema) } },
    handler: (req) => listContacts(pool, req.auth.locationId, req.query, restrictedTo(req.auth)),
  });

  app.post('/contacts', {
    schema: {
      tags,
      summary: 'Create a contact (409 names the existing contact with the same phone or e-mail)',
      body: ContactCreateSchema,
      response: { 201: ContactSchema, ...errors },
    },
    handler: async (req, reply) => {
      try {
        return reply.status(201).send(await createContact(pool, req.auth.locationId, req.body));
      } catch (e) {
        throw await hideOthersDuplicate(pool, req.auth, e);
      }
    },
  });

  app.get('/contacts/:id', {
    schema: { tags, summary: 'Get a contact', params: IdParams, response: { 200: ContactSchema, 404: ErrorBodySchema } },
    handler: (req) => getContact(pool, req.auth.locationId, req.params.id),
  });

  app.patch('/contacts/:id', {
    schema: { tags, summary: 'Update a contact', params: IdParams, body: ContactPatchSchema, response: { 200: ContactSchema, ...errors } },
    handler: async (req) => {
      try {
        return await updateContact(pool, req.auth.locationId, req.params.id, req.body, await actorOf(pool, req.auth));
      } catch (e) {
        throw await hideOthersDuplicate(pool, req.auth, e);
      }
    },
  });

  app.delete('/contacts/:id', {
    schema: {
      tags,
      summary: 'Delete a contact and its conversation (refused with 409 contact_has_invoices while it has invoices: they are kept)',
      params: IdParams,
      response: { 200: OkSchema, 404: ErrorBodySchema, 409: ErrorBodySchema },
    },
    handler: async (req) => {
      await deleteContact(pool, req.auth.locationId, req.params.id);
      return { ok: true as const };
    },
  });
};
