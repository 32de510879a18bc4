-- Up Migration
-- Invoices, their payment transactions, the per-location invoice number sequence, the Stripe
-- integration (sealed secrets) and the Stripe events already handled (deduplication).

-- One row per location: the last invoice number handed out. Bumped in the invoice's own
-- transaction (INSERT … ON CONFLICT DO UPDATE … RETURNING takes the row lock until commit), so
-- concurrent creations queue up and a rolled-back creation gives its number back: no gaps, no
-- duplicates (a sequence object would leave gaps on rollback).
CREATE TABLE invoice_counters (
  location_id  uuid PRIMARY KEY REFERENCES locations (id) ON DELETE CASCADE,
  last         integer NOT NULL CHECK (last > 0)
);

CREATE TABLE invoices (
  location_id     uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  number          integer NOT NULL CHECK (number > 0),        -- shown as INV-0001
  contact_id      uuid NOT NULL,
  status          text NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'sent', 'payment_processing', 'partially_paid', 'paid', 'void')),
  currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- [{name, quantity (in hundredths), unitPrice (minor units), taxRate (thousandths of a percent)}]
  items           jsonb NOT NULL,
  subtotal        bigint NOT NULL CHECK (subtotal >= 0),
  tax             bigint NOT NULL CHECK (tax >= 0),
  total           bigint NOT NULL CHECK (total = subtotal + tax),
  amount_paid     bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0 AND amount_paid <= total),
  issue_date      date NOT NULL,
  due_date        date CHECK (due_date >= issue_date),
  -- The public payment page /pay/<token>: the sha256 of the token finds the invoice; the token
  -- itself is kept sealed (AES-256-GCM, like provider credentials) so the team can copy the link.
  pay_token_hash  bytea,
  pay_token       text,
  -- How the link went out on the last send: {channel, messageId, to} or {channel: null, reason}.
  link_delivery   jsonb,
  sent_at         timestamptz,
  voided_at       timestamptz,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, number),
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE
);
-- The pay page names only the token: one token, one invoice, whatever the location.
-- (Citus: a small reference table token hash → (location, invoice) would route this lookup.)
CREATE UNIQUE INDEX invoices_pay_token_key ON invoices (pay_token_hash) WHERE pay_token_hash IS NOT NULL;
CREATE INDEX invoices_created_idx ON invoices (location_id, created_at DESC, id DESC);
CREATE INDEX invoices_contact_idx ON invoices (location_id, contact_id, created_at DESC, id DESC);

-- Payments, failed attempts and refunds of an invoice. A refund is its own row (status
-- 'refunded', amount = what was given back).
CREATE TABLE invoice_transactions (
  location_id         uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  invoice_id          uuid NOT NULL,
  provider            text NOT NULL CHECK (provider IN ('manual', 'stripe')),
  method              text NOT NULL CHECK (method IN ('cash', 'card_terminal', 'other', 'card')),
  amount              bigint NOT NULL CHECK (amount >= 0),
  currency            char(3) NOT NULL,
  status              text NOT NULL CHECK (status IN ('succeeded', 'failed', 'refunded')),
  provider_charge_id  text,
  stripe_event_id     text,
  reason              text,                        -- why it failed (amount mismatch, card declined…)
  note                text,
  created_by          uuid,
  created_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, invoice_id) REFERENCES invoices (location_id, id) ON DELETE CASCADE
);
CREATE INDEX invoice_transactions_invoice_idx ON invoice_transactions (location_id, invoice_id, created_at);
-- Stripe sends invoice.paid and invoice.payment_succeeded (and payment_intent.succeeded) for one
-- payment, each with its own event id: one charge is counted once.
CREATE UNIQUE INDEX invoice_transactions_charge_key ON invoice_transactions (location_id, provider, provider_charge_id)
  WHERE status = 'succeeded' AND provider_charge_id IS NOT NULL;

-- Third-party integrations of a location (Stripe): credentials sealed by the application.
CREATE TABLE integrations (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  provider     text NOT NULL CHECK (provider IN ('stripe')),
  secrets      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, provider)
);

-- Stripe events already handled: a redelivery finds its row and does nothing. Written in the
-- same transaction as the event's effects.
CREATE TABLE stripe_events (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  event_id     text NOT NULL,
  type         text NOT NULL,
  outcome      text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, event_id)
);
