-- Tamper-evident audit trail and emergency grants (issue #6, items 3 and 4).
-- Every row carries the hash of the one before it (server/src/engine/audit/audit-trail.ts); rows
-- are only ever appended: UPDATE, DELETE and TRUNCATE raise.

CREATE TABLE audit (
  seq bigint PRIMARY KEY,
  ts timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_ts_idx ON audit (ts);
CREATE INDEX audit_actor_idx ON audit (actor_id, seq);
CREATE INDEX audit_action_idx ON audit (action, seq);

-- The head of the chain: one row, locked by every append so several api processes write one chain.
CREATE TABLE audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'the audit head only moves forward (% -> %)', OLD.seq, NEW.seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_forward();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

CREATE TABLE emergency_grant (
  id text PRIMARY KEY,
  sector text NOT NULL,
  grantee_role text,
  grantee_user_id text,
  permissions text[] NOT NULL,
  regions text[] NOT NULL DEFAULT '{}',
  incident_id text,
  reason text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  revoke_reason text,
  expiry_audited boolean NOT NULL DEFAULT false,
  CHECK ((grantee_role IS NULL) <> (grantee_user_id IS NULL))
);
CREATE INDEX emergency_grant_expires_idx ON emergency_grant (expires_at);
