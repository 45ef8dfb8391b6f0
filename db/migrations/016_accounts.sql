-- Accounts ([security] #6): local accounts (argon2id) and accounts created by the provincial SSO
-- (OIDC), their role bindings (role + region subtrees + sectors + unit), rotating refresh tokens,
-- and the key access tokens are signed with (shared by every api process).
CREATE TABLE app_user (
  id              text PRIMARY KEY,
  username        text NOT NULL,
  display_name    text NOT NULL,
  password_hash   text,
  origin          text NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'oidc', 'service')),
  oidc_issuer     text,
  oidc_subject    text,
  bindings        jsonb NOT NULL DEFAULT '[]'::jsonb,
  disabled        boolean NOT NULL DEFAULT false,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (lower(username));
CREATE UNIQUE INDEX app_user_oidc_idx ON app_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- One row per refresh token; a family is one sign-in and the tokens it rotated through.
CREATE TABLE refresh_token (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  token_hash  text NOT NULL UNIQUE,
  family      text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz,
  user_agent  text
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family);

CREATE TABLE auth_key (
  id          text PRIMARY KEY,
  secret      text NOT NULL,
  created_at  timestamptz NOT NULL
);
