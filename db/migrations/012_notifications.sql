-- Notifications ([alerts] #4): named recipients on the webhook, e-mail and SMS channels, and a
-- log of every delivery and every try of it. A delivery is a job on the job queue that retries
-- with exponential backoff; the rows here are the truth the job handler checks before it acts.

-- A recipient configured by name: the duty desk of a department, a commune chairman's phone, an
-- agency's incident webhook. `secret` keys the HMAC signature of a webhook and is never returned
-- by the API.
CREATE TABLE notification_target (
  id          text PRIMARY KEY,
  name_vi     text NOT NULL,
  name_en     text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
  address     text NOT NULL,
  secret      text,
  enabled     boolean NOT NULL DEFAULT true,
  description text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX notification_target_channel_idx ON notification_target (channel, id);

-- One message to one recipient. `ref` ties it to what it is about (`alert:17`); `attempts` is the
-- number of tries made so far, `max_attempts` how many it may take.
CREATE TABLE notification_delivery (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
  target_id       text REFERENCES notification_target(id) ON DELETE SET NULL,
  recipient       text NOT NULL,
  subject         text,
  body            text NOT NULL,
  ref             text,
  state           text NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'retrying')),
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL,
  backoff_ms      integer NOT NULL,
  last_error      text,
  response_code   integer,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  next_attempt_at timestamptz
);
CREATE INDEX notification_delivery_ref_idx ON notification_delivery (ref, id DESC);
CREATE INDEX notification_delivery_pending_idx ON notification_delivery (state, updated_at) WHERE state IN ('queued', 'retrying');

-- Every try of a delivery: when it started and ended, what the other side answered.
CREATE TABLE notification_attempt (
  delivery_id   bigint NOT NULL REFERENCES notification_delivery(id) ON DELETE CASCADE,
  attempt       integer NOT NULL,
  state         text NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  duration_ms   integer,
  response_code integer,
  error         text,
  PRIMARY KEY (delivery_id, attempt)
);
