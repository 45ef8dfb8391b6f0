-- KPI engine: computed values per KPI × region × period, operator targets, "may miss target" state.

-- One value of one KPI for one region in one period; ts is the period's start (local calendar).
-- Realtime values are not stored here: their history is the reading aggregates.
CREATE TABLE kpi_value (
  ts             timestamptz NOT NULL,
  kpi_id         text NOT NULL,
  region_id      text NOT NULL,
  period         text NOT NULL CHECK (period IN ('day', 'month', 'quarter', 'year')),
  value          double precision,
  target         double precision,
  forecast       double precision,
  attainment_pct double precision,
  state          text NOT NULL,
  computed_at    timestamptz NOT NULL,
  UNIQUE (kpi_id, region_id, period, ts)
);
SELECT create_hypertable('kpi_value', by_range('ts', INTERVAL '90 days'));
CREATE INDEX kpi_value_region_idx ON kpi_value (region_id, period, ts DESC);

-- Targets set by operators. period_key '*' = every period of that kind; region_id '*' with a
-- level ('province', 'district', 'commune' or '*') = every region of that level. The most
-- specific row wins; a module's manifest defaults apply where no row matches.
CREATE TABLE kpi_target (
  kpi_id     text NOT NULL,
  period     text NOT NULL CHECK (period IN ('realtime', 'day', 'month', 'quarter', 'year')),
  period_key text NOT NULL DEFAULT '*',
  region_id  text NOT NULL DEFAULT '*',
  level      text NOT NULL DEFAULT '*' CHECK (level IN ('*', 'province', 'district', 'commune')),
  value      double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (kpi_id, period, period_key, region_id, level)
);

-- "May miss target": open while the forecast misses the target, with when it was raised and cleared.
CREATE TABLE kpi_risk (
  kpi_id     text NOT NULL,
  region_id  text NOT NULL,
  period     text NOT NULL,
  period_key text NOT NULL,
  state      text NOT NULL CHECK (state IN ('at-risk', 'recovered')),
  value      double precision,
  forecast   double precision,
  target     double precision NOT NULL,
  raised_at  timestamptz NOT NULL,
  cleared_at timestamptz,
  PRIMARY KEY (kpi_id, region_id, period, period_key)
);
CREATE INDEX kpi_risk_open_idx ON kpi_risk (state, raised_at DESC);

-- Dead letters remember the source their topic named (when it parsed), for the validity KPI.
ALTER TABLE dead_letter ADD COLUMN source_id text;
CREATE INDEX dead_letter_source_idx ON dead_letter (source_id, received_at DESC) WHERE source_id IS NOT NULL;

-- Region ancestry (a region is its own ancestor), to aggregate a subtree in one join.
CREATE VIEW region_ancestor AS
WITH RECURSIVE up(region_id, ancestor_id, depth) AS (
  SELECT id, id, 0 FROM region
  UNION ALL
  SELECT up.region_id, r.parent_id, up.depth + 1 FROM up JOIN region r ON r.id = up.ancestor_id WHERE r.parent_id IS NOT NULL
)
SELECT region_id, ancestor_id, depth FROM up;
