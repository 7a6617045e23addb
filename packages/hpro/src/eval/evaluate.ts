import type { Dataset } from '../dataset/types';
import type { Example, Protocol, ProtocolSplit } from '../protocol';
import { bootstrapCounts, metricsWithIntervals } from './bootstrap';
import { recencyScore, scorecardScore } from './baselines';
import type { ScoredSet } from './ranking';
import { protocolOf, toModelResult, type Results } from './results';

/** One model's scores on the test leads, aligned with split.test. */
export interface ModelScores {
  name: string;
  scores: Float64Array;
  probabilities: Float64Array | null;
}

export function baselineScores(
  test: Example[],
  stages: string[],
): ModelScores[] {
  return [
    {
      name: 'recency',
      scores: Float64Array.from(test, recencyScore),
      probabilities: null,
    },
    {
      name: 'scorecard',
      scores: Float64Array.from(test, (e) => scorecardScore(e, stages)),
      probabilities: null,
    },
  ];
}

export function scoredSet(test: Example[], model: ModelScores): ScoredSet {
  return {
    leadIds: test.map((e) => e.lead.leadId),
    scores: model.scores,
    labels: Uint8Array.from(test, (e) => e.label),
    depths: Int32Array.from(test, (e) => e.depth),
    probabilities: model.probabilities,
  };
}

/** The results JSON of EVALUATION.md for the given models. */
export function evaluateModels(
  dataset: Dataset,
  split: ProtocolSplit,
  protocol: Protocol,
  models: ModelScores[],
): Results {
  const test = split.test;
  const maxDepth = dataset.funnel.stages.length - 1;
  // One set of draws for every model: differences are read on equal terms.
  const draws = bootstrapCounts(test.length, protocol.resamples, protocol.seed);
  const positives = test.reduce((n, e) => n + e.label, 0);
  const eligible = split.train.length + test.length;

  const results: Results = {
    dataset: dataset.name,
    protocol: protocolOf(protocol, dataset.funnel.syntheticTime),
    counts: {
      leads: dataset.leads.length,
      eligible,
      train_leads: split.train.length,
      test_leads: test.length,
      excluded_decided: split.excludedDecided,
      excluded_unmatured: split.excludedUnmatured,
      bad_lines: dataset.report.badLines.length,
    },
    base_rate: test.length === 0 ? 0 : positives / test.length,
    models: {},
  };
  for (const model of models) {
    const flat = metricsWithIntervals(scoredSet(test, model), maxDepth, draws);
    results.models[model.name] = toModelResult(flat, test.length, maxDepth);
  }
  return results;
}

/** One compact JSON line per (test lead, model). */
export function predictionLines(
  test: Example[],
  models: ModelScores[],
): string[] {
  const lines: string[] = [];
  for (const model of models) {
    test.forEach((e, i) => {
      lines.push(
        JSON.stringify({
          lead_id: e.lead.leadId,
          model: model.name,
          score: model.scores[i],
          label: e.label,
          depth: e.depth,
        }),
      );
    });
  }
  return lines;
}
