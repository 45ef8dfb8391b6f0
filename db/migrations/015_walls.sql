-- Video walls ([web] #5): the layouts shipped in db/seed/walls are read at boot; a row here holds
-- what changed since — a layout saved through the API (admin) and the live state the operator
-- console sets (scene pushed, playlist held, tiles overridden). One row per wall that changed.
CREATE TABLE wall (
  id              text PRIMARY KEY,
  layout          jsonb,
  scene_id        text,
  playlist_paused boolean NOT NULL DEFAULT false,
  overrides       jsonb NOT NULL DEFAULT '{}'::jsonb,
  revision        integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL,
  updated_by      text
);
