-- Up Migration
-- Opportunities: pipelines with ordered stages, and the contact's deals moving through them.
-- Every table is keyed (location_id, id) and its foreign keys include location_id (see 0001).
--  * A stage belongs to one pipeline; an opportunity points at (pipeline, stage) with one composite
--    foreign key, so its stage is always a stage of its pipeline.
--  * Stages and pipelines that still hold opportunities cannot be removed (NO ACTION): the API
--    answers 409 before, and the foreign key settles races.
--  * Money is integer minor units (cents) with its ISO 4217 currency.

CREATE TABLE pipelines (
  location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id)
);
CREATE INDEX pipelines_created_idx ON pipelines (location_id, created_at, id);

CREATE TABLE pipeline_stages (
  location_id  uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  pipeline_id  uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  position     integer NOT NULL CHECK (position >= 0),
  PRIMARY KEY (location_id, id),
  UNIQUE (location_id, pipeline_id, id),          -- target of the opportunities' (pipeline, stage) key
  -- Reordering swaps positions inside one statement sequence: checked at commit.
  CONSTRAINT pipeline_stages_position_key UNIQUE (location_id, pipeline_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (location_id, pipeline_id) REFERENCES pipelines (location_id, id) ON DELETE CASCADE
);

CREATE TABLE opportunities (
  location_id        uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  contact_id         uuid NOT NULL,
  pipeline_id        uuid NOT NULL,
  pipeline_stage_id  uuid NOT NULL,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  monetary_value     bigint NOT NULL DEFAULT 0 CHECK (monetary_value >= 0),  -- minor units
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost', 'abandoned')),
  lost_reason        text CHECK (status = 'lost' OR lost_reason IS NULL),
  assigned_to        uuid,
  source             text,
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  CHECK (status <> 'lost' OR length(lost_reason) > 0),
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, pipeline_id) REFERENCES pipelines (location_id, id),
  FOREIGN KEY (location_id, pipeline_id, pipeline_stage_id) REFERENCES pipeline_stages (location_id, pipeline_id, id),
  FOREIGN KEY (location_id, assigned_to) REFERENCES memberships (location_id, user_id) ON DELETE SET NULL (assigned_to)
);
-- Lists, newest first: all, a contact's, a pipeline's (each starts with location_id, ends with the sort key).
CREATE INDEX opportunities_created_idx ON opportunities (location_id, created_at DESC, id DESC);
CREATE INDEX opportunities_contact_idx ON opportunities (location_id, contact_id, created_at DESC, id DESC);
CREATE INDEX opportunities_pipeline_idx ON opportunities (location_id, pipeline_id, created_at DESC, id DESC);
-- "Does this stage still hold opportunities?" (stage removal and its foreign key check).
CREATE INDEX opportunities_stage_idx ON opportunities (location_id, pipeline_id, pipeline_stage_id);
