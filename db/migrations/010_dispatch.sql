-- Dispatch (REQUIREMENTS §1, "điều phối lực lượng"): response units are sources of a kind with
-- position metrics; their positions land here, their duty status, assignments to incidents and
-- the messages of each incident's group channel (and one-to-one) in the tables below.

CREATE TABLE unit_position (
  ts          timestamptz NOT NULL,
  source_id   text NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  speed_kmh   double precision,
  heading_deg double precision,
  PRIMARY KEY (source_id, ts)
);
SELECT create_hypertable('unit_position', by_range('ts', INTERVAL '1 day'));

-- Duty status of each unit (a row appears the first time a unit is dispatched or changes status;
-- a unit without one is available).
CREATE TABLE dispatch_unit_state (
  unit_id       text PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
  status        text NOT NULL CHECK (status IN ('available', 'en_route', 'on_scene', 'returning', 'off_duty')),
  status_at     timestamptz NOT NULL,
  assignment_id bigint,
  updated_by    text NOT NULL
);

CREATE TABLE dispatch_assignment (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id      bigint NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
  unit_id          text NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  state            text NOT NULL CHECK (state IN ('pending', 'acknowledged', 'arrived', 'released', 'cancelled')),
  assigned_by      text NOT NULL,
  assigned_at      timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  arrived_at       timestamptz,
  released_at      timestamptz,
  distance_m       double precision NOT NULL,
  eta_at           timestamptz,
  note             text
);
CREATE INDEX dispatch_assignment_incident_idx ON dispatch_assignment (incident_id);
-- A unit works on one incident at a time.
CREATE UNIQUE INDEX dispatch_assignment_active_unit_idx ON dispatch_assignment (unit_id) WHERE state IN ('pending', 'acknowledged', 'arrived');

CREATE TABLE dispatch_message (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id bigint REFERENCES incident (id) ON DELETE CASCADE,
  to_unit     text REFERENCES source (id) ON DELETE CASCADE,
  sender      text NOT NULL,
  text        text NOT NULL,
  at          timestamptz NOT NULL,
  CHECK (incident_id IS NOT NULL OR to_unit IS NOT NULL)
);
CREATE INDEX dispatch_message_incident_idx ON dispatch_message (incident_id, at);
CREATE INDEX dispatch_message_unit_idx ON dispatch_message (to_unit, at);
