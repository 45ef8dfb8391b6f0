-- CAP 1.2 (Common Alerting Protocol) messages: the public warnings the IOC sends about its
-- alerts and incidents (direction 'out', served by the public Atom feed) and those it receives
-- from other senders (direction 'in', raised as alerts). The XML is stored as sent or received:
-- a CAP message is immutable once issued; a change is a new message that references it.

CREATE TABLE cap_message (
  identifier   text PRIMARY KEY,
  sender       text NOT NULL,
  sent         timestamptz NOT NULL,
  msg_type     text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel', 'Ack', 'Error')),
  status       text NOT NULL CHECK (status IN ('Actual', 'Exercise', 'System', 'Test', 'Draft')),
  -- What the message is about: one of our alerts or incidents, or (incoming) the alert it raised.
  subject_kind text NOT NULL CHECK (subject_kind IN ('alert', 'incident', 'external')),
  subject_id   text NOT NULL,
  headline     text,
  xml          text NOT NULL,
  -- CAP <references>: "sender,identifier,sent" of earlier messages, space-separated.
  "references" text,
  direction    text NOT NULL CHECK (direction IN ('out', 'in')),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cap_message_subject_idx ON cap_message (subject_kind, subject_id, sent);
CREATE INDEX cap_message_sent_idx ON cap_message (direction, sent DESC);
