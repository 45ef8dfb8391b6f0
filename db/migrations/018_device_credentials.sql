-- Per-device MQTT credentials: a device (or a gateway publishing for several sources) signs in
-- with username + secret; the secret itself is never stored. secret_hash (argon2id) is what the
-- embedded broker verifies; mosquitto_hash (PBKDF2-SHA512, mosquitto_passwd's $7$ format) is
-- computed at the same moment so `npm run mosquitto:config` can write Mosquitto's password file.
CREATE TABLE device_credential (
  id             text PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  secret_hash    text NOT NULL,
  mosquitto_hash text NOT NULL,
  sources        text[] NOT NULL,
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  rotated_at     timestamptz,
  revoked_at     timestamptz
);
CREATE INDEX device_credential_sources_idx ON device_credential USING gin (sources);
