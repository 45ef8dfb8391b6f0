-- ioc:no-transaction (continuous aggregates cannot be created inside a transaction block)
-- Daily rollups follow the province's calendar day (Asia/Ho_Chi_Minh, UTC+7), so a "day" KPI
-- from the aggregate matches a day in the reports. The view is rebuilt from reading_1h.
DROP MATERIALIZED VIEW IF EXISTS reading_1d;

CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', bucket, 'Asia/Ho_Chi_Minh') AS bucket, source_id, metric,
       sum(sum) AS sum, sum(n) AS n, min(min) AS min, max(max) AS max
FROM reading_1h GROUP BY 1, 2, 3 WITH NO DATA;

SELECT add_continuous_aggregate_policy('reading_1d', start_offset => INTERVAL '35 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
CALL refresh_continuous_aggregate('reading_1d', NULL, NULL);
