-- ioc:no-transaction (continuous aggregates cannot be created inside a transaction block)
-- Region-level rollups: each source carries the district it lies in, and readings are also
-- aggregated per district × sector × kind × metric (1 min → 1 h → local 1 day). A KPI series for
-- the province or a district then reads a few rows per bucket instead of one per source.

ALTER TABLE source ADD COLUMN district_id text;

CREATE FUNCTION source_district() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT ra.ancestor_id INTO NEW.district_id
  FROM region_ancestor ra JOIN region r ON r.id = ra.ancestor_id
  WHERE ra.region_id = NEW.region_id AND r.level = 'district';
  RETURN NEW;
END
$$;

CREATE TRIGGER source_district BEFORE INSERT OR UPDATE OF region_id ON source FOR EACH ROW EXECUTE FUNCTION source_district();

UPDATE source SET region_id = region_id;

CREATE MATERIALIZED VIEW reading_district_1m WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', r.ts) AS bucket, s.district_id, s.sector, s.kind, r.metric,
       sum(r.value) AS sum, count(*) AS n, min(r.value) AS min, max(r.value) AS max
FROM reading r JOIN source s ON s.id = r.source_id
GROUP BY 1, 2, 3, 4, 5 WITH NO DATA;

CREATE MATERIALIZED VIEW reading_district_1h WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', bucket) AS bucket, district_id, sector, kind, metric,
       sum(sum) AS sum, sum(n) AS n, min(min) AS min, max(max) AS max
FROM reading_district_1m GROUP BY 1, 2, 3, 4, 5 WITH NO DATA;

CREATE MATERIALIZED VIEW reading_district_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', bucket, 'Asia/Ho_Chi_Minh') AS bucket, district_id, sector, kind, metric,
       sum(sum) AS sum, sum(n) AS n, min(min) AS min, max(max) AS max
FROM reading_district_1h GROUP BY 1, 2, 3, 4, 5 WITH NO DATA;

SELECT add_continuous_aggregate_policy('reading_district_1m', start_offset => INTERVAL '2 hours', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('reading_district_1h', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('reading_district_1d', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
SELECT add_retention_policy('reading_district_1m', drop_after => INTERVAL '1 year');
SELECT add_retention_policy('reading_district_1h', drop_after => INTERVAL '5 years');

-- Existing readings (an upgrade): materialise what is there, finest first.
CALL refresh_continuous_aggregate('reading_district_1m', NULL, NULL);
CALL refresh_continuous_aggregate('reading_district_1h', NULL, NULL);
CALL refresh_continuous_aggregate('reading_district_1d', NULL, NULL);
