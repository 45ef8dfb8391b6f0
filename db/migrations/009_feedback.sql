-- Citizen field reports (phản ánh hiện trường, REQUIREMENTS §4): intake with photos, a tracking
-- code for the reporter, routing by category to a department, a deadline per category, states
-- received → processing → done, the District 7 panel (received, processed, in time, overdue by
-- ward, day and department), and a report may become an incident.

CREATE TABLE feedback_report (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Tracking code the reporter keeps, e.g. PA-2612-7KQ4 (year, month, four random characters).
  code          text NOT NULL UNIQUE,
  category      text NOT NULL,
  department    text NOT NULL,
  channel       text NOT NULL DEFAULT 'app',
  text          text NOT NULL,
  lon           double precision,
  lat           double precision,
  region_id     text,
  -- Reporter's name / phone / e-mail: for officials only, never in public answers.
  contact       jsonb,
  state         text NOT NULL CHECK (state IN ('received', 'processing', 'done')),
  received_at   timestamptz NOT NULL,
  due_at        timestamptz NOT NULL,
  processed_at  timestamptz,
  done_at       timestamptz,
  result        text,
  incident_id   bigint REFERENCES incident(id) ON DELETE SET NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (state <> 'done' OR (done_at IS NOT NULL AND result IS NOT NULL))
);
CREATE INDEX feedback_report_state_idx ON feedback_report (state, due_at);
CREATE INDEX feedback_report_received_idx ON feedback_report (received_at);

-- Photos live in the database (bytea): committed with the report in one transaction, durable by
-- the database's own WAL and fsync, in the same backup, and readable by every api process (files
-- under DATA_DIR would be local to one host). Size and type are checked before they get here.
CREATE TABLE feedback_photo (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     bigint NOT NULL REFERENCES feedback_report(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes         integer NOT NULL,
  sha256        text NOT NULL,
  data          bytea NOT NULL
);
CREATE INDEX feedback_photo_report_idx ON feedback_photo (report_id, position);

-- History: who did what when, append-only.
CREATE TABLE feedback_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     bigint NOT NULL REFERENCES feedback_report(id) ON DELETE CASCADE,
  at            timestamptz NOT NULL,
  kind          text NOT NULL,
  actor         text NOT NULL,
  text          text,
  data          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX feedback_event_idx ON feedback_event (report_id, id);
