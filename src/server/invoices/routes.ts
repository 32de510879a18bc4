import { IdParams, listOf } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import {
  InvoiceCreateSchema,
  InvoiceDetailSchema,
  InvoiceListQuery,
  InvoicePatchSchema,
  InvoiceSchema,
  PaymentCreateSchema,
} from '#shared/invoices';
import { actorOf } from '../activity/record';
import type { RouteModule } from '../http/types';
import { recordManualPayment } from './payments';
import { sendInvoice } from './send';
import { contextOf, createInvoice, getInvoiceDetail, listInvoices, patchInvoice, voidInvoice } from './service';
import { stripeSettingsRoutes } from './stripe-settings';
import { restrictedTo } from '../contacts/access';

const tags = ['invoices'];
const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

/** /api/v1/invoices and /api/v1/integrations/stripe. */
export const invoiceRoutes: RouteModule = (app, deps) => {
  const { pool } = deps;
  const ctx = contextOf(deps);

  app.get('/invoices', {
    schema: { tags, summary: 'List invoices, newest first (?contactId=, ?status=)', querystring: InvoiceListQuery, response: { 200: listOf(InvoiceSchema), 400: ErrorBodySchema } },
    handler: (req) => listInvoices(pool, ctx, req.auth.locationId, req.query, restrictedTo(req.auth)),
  });

  app.post('/invoices', {
    schema: {
      tags,
      summary: 'Create a draft invoice: numbered INV-0001… per location, totals computed exactly (tax per line, rounded half-up)',
      body: InvoiceCreateSchema,
      response: { 201: InvoiceDetailSchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await createInvoice(deps, req.auth.locationId, req.body, await actorOf(pool, req.auth))),
  });

  app.get('/invoices/:id', {
    schema: { tags, summary: 'An invoice with its transactions', params: IdParams, response: { 200: InvoiceDetailSchema, 404: ErrorBodySchema } },
    handler: (req) => getInvoiceDetail(pool, ctx, req.auth.locationId, req.params.id),
  });

  app.patch('/invoices/:id', {
    schema: {
      tags,
      summary: 'Change an invoice: items, currency and issue date on drafts only; the due date until it is void',
      params: IdParams,
      body: InvoicePatchSchema,
      response: { 200: InvoiceDetailSchema, ...errors },
    },
    handler: async (req) => patchInvoice(deps, req.auth.locationId, req.params.id, req.body, await actorOf(pool, req.auth)),
  });

  app.post('/invoices/:id/send', {
    schema: {
      tags,
      summary: 'Send: marks it sent, gives it a public payment page and texts the link when an SMS number, a phone and no SMS DND allow (else says why)',
      params: IdParams,
      response: { 200: InvoiceDetailSchema, ...errors },
    },
    handler: async (req) => sendInvoice(deps, req.auth.locationId, req.params.id, await actorOf(pool, req.auth)),
  });

  app.post('/invoices/:id/void', {
    schema: { tags, summary: 'Void an invoice without payments', params: IdParams, response: { 200: InvoiceDetailSchema, ...errors } },
    handler: async (req) => voidInvoice(deps, req.auth.locationId, req.params.id, await actorOf(pool, req.auth)),
  });

  app.post('/invoices/:id/payments', {
    schema: {
      tags,
      summary: 'Record a manual payment (cash, card terminal, other): partial → partially_paid, full → paid; more than is due → 422',
      params: IdParams,
      body: PaymentCreateSchema,
      response: { 200: InvoiceDetailSchema, ...errors },
    },
    handler: async (req) => recordManualPayment(deps, req.auth.locationId, req.params.id, req.body, await actorOf(pool, req.auth)),
  });

  stripeSettingsRoutes(app, deps);
};
