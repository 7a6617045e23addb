-- Every leads.scores.v1 record the A/B router read, routed or not: the
-- scores of all live models, for the label joiner and model comparison.
-- Retried inserts repeat rows, so the table is a ReplacingMergeTree whose
-- key ends in score_id (lead_id, a function of score_id, leads it so that
-- per-lead reads use the index); read it with FINAL.
-- Times are UInt64 epoch milliseconds (18.16 has no DateTime64); the
-- DateTime columns are derived, for partitioning and for people.
CREATE TABLE IF NOT EXISTS lead_scores (
  score_id String,
  lead_id String,
  model_version String,
  score Float64,
  feature_spec_version String,
  event_id String,
  event_type String,
  event_ts_ms UInt64,
  source_partition Int32,
  source_offset Int64,
  scored_at_ms UInt64,
  landed_at_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ts_ms, 1000))
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (lead_id, score_id);
