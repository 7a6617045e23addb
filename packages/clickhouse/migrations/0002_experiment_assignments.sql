-- One row per lead per experiment (experiments.assignments.v1): the arm a
-- lead keeps for the experiment's lifetime. The A/B router reads a lead's
-- rows back (FINAL) before it assigns the lead anywhere, which makes this
-- table the sticky state that survives restarts and weight changes.
-- Retried inserts repeat identical rows; ReplacingMergeTree on
-- (experiment_id, lead_id) keeps one.
CREATE TABLE IF NOT EXISTS experiment_assignments (
  experiment_id String,
  lead_id String,
  arm String,
  model_version Nullable(String),
  holdout UInt8,
  bucket UInt16,
  score_id String,
  event_id String,
  event_ts_ms UInt64,
  assigned_at_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ts_ms, 1000))
) ENGINE = ReplacingMergeTree
ORDER BY (experiment_id, lead_id);
