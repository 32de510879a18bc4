-- Up Migration
-- Calendars and appointments. Times are timestamptz (instants); each calendar and appointment
-- also keeps the IANA time zone its wall-clock times are meant in.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE calendars (
  location_id               uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                        uuid NOT NULL DEFAULT gen_random_uuid(),
  name                      text NOT NULL,
  timezone                  text NOT NULL,
  default_duration_minutes  integer NOT NULL DEFAULT 30 CHECK (default_duration_minutes BETWEEN 5 AND 1440),
  meeting_location_type     text NOT NULL DEFAULT 'address'
                            CHECK (meeting_location_type IN ('custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams')),
  meeting_location          text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id)
);
CREATE INDEX calendars_list_idx ON calendars (location_id, created_at, id);

-- The team members who take a calendar's appointments; leaving the location leaves the calendar.
CREATE TABLE calendar_members (
  location_id  uuid NOT NULL,
  calendar_id  uuid NOT NULL,
  user_id      uuid NOT NULL,
  position     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (location_id, calendar_id, user_id),
  FOREIGN KEY (location_id, calendar_id) REFERENCES calendars (location_id, id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, user_id) REFERENCES memberships (location_id, user_id) ON DELETE CASCADE
);

CREATE TABLE appointments (
  location_id            uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  calendar_id            uuid NOT NULL,
  contact_id             uuid NOT NULL,
  assigned_user_id       uuid,
  title                  text NOT NULL,
  start_time             timestamptz NOT NULL,
  end_time               timestamptz NOT NULL,
  timezone               text NOT NULL,
  status                 text NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new', 'confirmed', 'cancelled', 'showed', 'noshow')),
  meeting_location_type  text NOT NULL
                         CHECK (meeting_location_type IN ('custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams')),
  meeting_location       text,
  notes                  text,
  source                 text NOT NULL CHECK (source IN ('conversation', 'booking_widget', 'funnel', 'manual')),
  created_by             uuid REFERENCES users (id) ON DELETE SET NULL, -- NULL: booked through an API key
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, id),
  FOREIGN KEY (location_id, calendar_id) REFERENCES calendars (location_id, id),
  FOREIGN KEY (location_id, contact_id) REFERENCES contacts (location_id, id) ON DELETE CASCADE,
  FOREIGN KEY (location_id, assigned_user_id) REFERENCES memberships (location_id, user_id) ON DELETE SET NULL (assigned_user_id),
  CONSTRAINT appointments_end_after_start CHECK (end_time > start_time),
  -- One team member, one appointment at a time: half-open ranges, so touching ones are fine and
  -- cancelled ones do not count. Concurrent bookings cannot both win.
  CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    location_id WITH =, assigned_user_id WITH =, tstzrange(start_time, end_time) WITH &&
  ) WHERE (status <> 'cancelled')
);
CREATE INDEX appointments_list_idx ON appointments (location_id, start_time, id);
CREATE INDEX appointments_contact_idx ON appointments (location_id, contact_id, start_time, id);
CREATE INDEX appointments_calendar_idx ON appointments (location_id, calendar_id, start_time, id);
