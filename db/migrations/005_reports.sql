-- Reporting chain of the sector OCs (REQUIREMENTS §2): periodic statistics submitted by the
-- units (commune, district, department) for the report templates of the module manifests.
-- Templates live in the manifests, not here: `template_id` is `{sector}.{key}`.

-- The standing submission of one template × region × period. The KPI engine reads this table
-- directly (values of status 'submitted'); a resubmission replaces the values and bumps version.
CREATE TABLE report_submission (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  template_id     text NOT NULL,
  region_id       text NOT NULL REFERENCES region(id),
  period_kind     text NOT NULL CHECK (period_kind IN ('day', 'week', 'month', 'quarter', 'year')),
  period_key      text NOT NULL,
  period_start    timestamptz NOT NULL,
  "values"        jsonb NOT NULL,
  status          text NOT NULL CHECK (status IN ('submitted', 'returned')),
  submitted_at    timestamptz NOT NULL,
  submitted_by    text NOT NULL,
  -- The standing version was submitted after the due instant of its period.
  late            boolean NOT NULL DEFAULT false,
  returned_reason text,
  returned_at     timestamptz,
  returned_by     text,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (template_id, region_id, period_key)
);
CREATE INDEX report_submission_period_idx ON report_submission (template_id, period_key);
CREATE INDEX report_submission_region_idx ON report_submission (region_id, template_id, period_start DESC);

-- Every version and transition of a submission (submitted, resubmitted, returned), append-only.
CREATE TABLE report_submission_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id  bigint NOT NULL REFERENCES report_submission(id) ON DELETE CASCADE,
  template_id    text NOT NULL,
  region_id      text NOT NULL,
  period_key     text NOT NULL,
  version        integer NOT NULL,
  action         text NOT NULL CHECK (action IN ('submitted', 'resubmitted', 'returned')),
  "values"       jsonb,
  late           boolean,
  reason         text,
  actor          text NOT NULL,
  at             timestamptz NOT NULL,
  import_id      text
);
CREATE INDEX report_submission_history_idx ON report_submission_history (submission_id, id);

-- CSV/XLSX imports: progress while running, every row error when rejected. A rejected import
-- wrote nothing; a done one wrote all its rows in one transaction.
CREATE TABLE report_import (
  id              text PRIMARY KEY,
  template_id     text NOT NULL,
  file_name       text NOT NULL,
  file_format     text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_size       integer NOT NULL,
  submitted_by    text NOT NULL,
  state           text NOT NULL CHECK (state IN ('queued', 'parsing', 'validating', 'writing', 'done', 'rejected', 'failed')),
  total_rows      integer NOT NULL DEFAULT 0,
  processed_rows  integer NOT NULL DEFAULT 0,
  accepted        integer NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]'::jsonb,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_import_template_idx ON report_import (template_id, started_at DESC);

-- One row per template × region × period found overdue, so the overdue scan publishes
-- `reports.overdue` once for each, across restarts and processes.
CREATE TABLE report_overdue_notice (
  template_id  text NOT NULL,
  region_id    text NOT NULL REFERENCES region(id),
  period_key   text NOT NULL,
  due_at       timestamptz NOT NULL,
  detected_at  timestamptz NOT NULL,
  PRIMARY KEY (template_id, region_id, period_key)
);
