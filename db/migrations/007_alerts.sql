-- Alerts (REQUIREMENTS §1: monitoring detects issues, the IOC tracks and presses for handling).
-- Rules come from the module manifests (origin 'manifest', seeded at boot) or from admins through
-- the API (origin 'api'); changing a manifest rule through the API makes it an 'api' rule that the
-- next boot does not overwrite.

CREATE TABLE escalation_policy (
  id          text PRIMARY KEY,
  name        jsonb NOT NULL,
  steps       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT 'system'
);

CREATE TABLE alert_rule (
  id            text PRIMARY KEY,
  sector        text NOT NULL,
  name          jsonb NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  condition     jsonb NOT NULL,
  incident_type text,
  policy_id     text NOT NULL DEFAULT 'default',
  enabled       boolean NOT NULL DEFAULT true,
  auto_resolve  boolean NOT NULL DEFAULT true,
  origin        text NOT NULL CHECK (origin IN ('manifest', 'api')),
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system'
);

CREATE TABLE alert (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedup_key        text NOT NULL,
  origin           text NOT NULL CHECK (origin IN ('rule', 'kpi-risk', 'cap', 'manual')),
  rule_id          text,
  sector           text,
  source_id        text,
  region_id        text,
  kpi_id           text,
  severity         text NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
  title            jsonb NOT NULL,
  state            text NOT NULL CHECK (state IN ('open', 'acknowledged', 'assigned', 'snoozed', 'resolved', 'closed')),
  -- The state a snoozed alert returns to when its snooze ends.
  snoozed_from     text,
  count            integer NOT NULL DEFAULT 1,
  first_at         timestamptz NOT NULL,
  last_at          timestamptz NOT NULL,
  metric           text,
  last_value       double precision,
  assignee         text,
  snoozed_until    timestamptz,
  escalation_level integer NOT NULL DEFAULT 0,
  escalate_at      timestamptz,
  policy_id        text NOT NULL DEFAULT 'default',
  incident_type    text,
  incident_id      bigint,
  lon              double precision,
  lat              double precision,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at       timestamptz NOT NULL
);
-- One live alert per key: a repeat while it is active (or resolved) updates it; once closed, the
-- key may raise a new alert.
CREATE UNIQUE INDEX alert_live_key ON alert (dedup_key) WHERE state <> 'closed';
CREATE INDEX alert_state_idx ON alert (state, severity, last_at DESC);
CREATE INDEX alert_escalate_idx ON alert (escalate_at) WHERE escalate_at IS NOT NULL;
CREATE INDEX alert_region_idx ON alert (region_id, last_at DESC);

-- Every transition of an alert: who, when, from → to, comment. Append-only.
CREATE TABLE alert_transition (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    bigint NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
  at          timestamptz NOT NULL,
  action      text NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  actor       text NOT NULL,
  comment     text,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX alert_transition_alert_idx ON alert_transition (alert_id, id);
