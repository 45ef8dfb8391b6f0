-- ioc:no-transaction (continuous aggregates cannot be created inside a transaction block)
-- 1-minute, 1-hour and 1-day rollups of readings. The hour and day views are hierarchical
-- (built on the finer view), so they carry sum and count and the average is derived.
CREATE MATERIALIZED VIEW reading_1m WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', ts) AS bucket, source_id, metric,
       sum(value) AS sum, count(*) AS n, min(value) AS min, max(value) AS max
FROM reading GROUP BY 1, 2, 3 WITH NO DATA;

CREATE MATERIALIZED VIEW reading_1h WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', bucket) AS bucket, source_id, metric,
       sum(sum) AS sum, sum(n) AS n, min(min) AS min, max(max) AS max
FROM reading_1m GROUP BY 1, 2, 3 WITH NO DATA;

CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', bucket) AS bucket, source_id, metric,
       sum(sum) AS sum, sum(n) AS n, min(min) AS min, max(max) AS max
FROM reading_1h GROUP BY 1, 2, 3 WITH NO DATA;

SELECT add_continuous_aggregate_policy('reading_1m', start_offset => INTERVAL '2 hours', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('reading_1h', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_continuous_aggregate_policy('reading_1d', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

SELECT add_retention_policy('reading_1m', drop_after => INTERVAL '1 year');
SELECT add_retention_policy('reading_1h', drop_after => INTERVAL '5 years');
