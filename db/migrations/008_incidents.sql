-- Incidents (REQUIREMENTS §1, the three procedures): timed handling, immediate handling and
-- command support; states received → verifying → forwarded/dispatched → handling → resolved →
-- published (or cancelled); playbook checklists from the module manifests; SLA per state.

CREATE SEQUENCE incident_code_seq;

CREATE TABLE incident (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  type          text NOT NULL,
  class         text NOT NULL CHECK (class IN ('timed', 'immediate', 'command')),
  state         text NOT NULL CHECK (state IN ('received', 'verifying', 'forwarded', 'dispatched', 'handling', 'resolved', 'published', 'cancelled')),
  severity      text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  title         text NOT NULL,
  description   text NOT NULL DEFAULT '',
  origin        text NOT NULL CHECK (origin IN ('alert', 'camera', 'feedback', 'manual')),
  region_id     text,
  lon           double precision,
  lat           double precision,
  sla_due_at    timestamptz,
  sla_breached  boolean NOT NULL DEFAULT false,
  public_result text,
  checklist     jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at    timestamptz NOT NULL,
  created_by    text NOT NULL,
  updated_at    timestamptz NOT NULL,
  state_since   timestamptz NOT NULL
);
CREATE INDEX incident_state_idx ON incident (state, severity);

-- The timeline: every change of an incident, append-only.
CREATE TABLE incident_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  at          timestamptz NOT NULL,
  kind        text NOT NULL,
  actor       text NOT NULL,
  text        text,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX incident_event_idx ON incident_event (incident_id, id);

-- Alerts, cameras, units, field reports and sources linked to an incident.
CREATE TABLE incident_link (
  incident_id bigint NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('alert', 'camera', 'unit', 'feedback', 'source')),
  ref_id      text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (incident_id, kind, ref_id)
);
CREATE INDEX incident_link_ref_idx ON incident_link (kind, ref_id);
