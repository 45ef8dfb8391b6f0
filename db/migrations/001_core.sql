-- Core schema: geography, sources, raw time series, dead letters.
CREATE EXTENSION IF NOT EXISTS timescaledb;

-- Province → district → commune. Boundaries are GeoJSON geometries (approximate in the seed).
CREATE TABLE region (
  id          text PRIMARY KEY,
  parent_id   text REFERENCES region(id),
  level       text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  name        text NOT NULL,
  name_en     text,
  center_lon  double precision NOT NULL,
  center_lat  double precision NOT NULL,
  boundary    jsonb,
  approximate boolean NOT NULL DEFAULT true
);
CREATE INDEX region_parent_idx ON region (parent_id);

-- A device, camera or sector feed. Registered before it may publish.
CREATE TABLE source (
  id          text PRIMARY KEY,
  sector      text NOT NULL,
  kind        text NOT NULL,
  name        text NOT NULL,
  region_id   text REFERENCES region(id),
  lon         double precision,
  lat         double precision,
  attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,
  online      boolean,
  status_at   timestamptz,
  last_seen   timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX source_sector_idx ON source (sector, kind);
CREATE INDEX source_region_idx ON source (region_id);

-- One numeric value of one metric of one source at one instant. The unique key makes a
-- redelivered message a no-op.
CREATE TABLE reading (
  ts        timestamptz NOT NULL,
  source_id text NOT NULL,
  metric    text NOT NULL,
  value     double precision NOT NULL,
  UNIQUE (source_id, metric, ts)
);
SELECT create_hypertable('reading', by_range('ts', INTERVAL '1 day'));
ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'source_id, metric', timescaledb.compress_orderby = 'ts DESC');
SELECT add_compression_policy('reading', compress_after => INTERVAL '7 days');
SELECT add_retention_policy('reading', drop_after => INTERVAL '90 days');

-- Discrete happenings: camera analytics, sector events. (source_id, event_id, ts) is the
-- idempotency key of a redelivered event.
CREATE TABLE event (
  ts        timestamptz NOT NULL,
  source_id text NOT NULL,
  event_id  text NOT NULL,
  type      text NOT NULL,
  payload   jsonb NOT NULL,
  UNIQUE (source_id, event_id, ts)
);
SELECT create_hypertable('event', by_range('ts', INTERVAL '7 days'));
CREATE INDEX event_type_idx ON event (type, ts DESC);
ALTER TABLE event SET (timescaledb.compress, timescaledb.compress_segmentby = 'source_id', timescaledb.compress_orderby = 'ts DESC');
SELECT add_compression_policy('event', compress_after => INTERVAL '30 days');
SELECT add_retention_policy('event', drop_after => INTERVAL '2 years');

-- Everything ingest refused, with why. The raw payload is kept (up to a cap) with its full
-- size and a SHA-256 of the whole, so nothing is lost silently and an operator can replay.
CREATE TABLE dead_letter (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at   timestamptz NOT NULL DEFAULT now(),
  topic         text NOT NULL,
  payload       bytea NOT NULL,
  payload_size  integer NOT NULL,
  payload_sha256 text NOT NULL,
  truncated     boolean NOT NULL DEFAULT false,
  reason_code   text NOT NULL,
  reason        text NOT NULL
);
CREATE INDEX dead_letter_received_idx ON dead_letter (received_at DESC);
CREATE INDEX dead_letter_reason_idx ON dead_letter (reason_code, received_at DESC);
