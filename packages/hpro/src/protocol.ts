import { compareStrings } from './dataset/group';
import type { Dataset, Lead } from './dataset/types';
import { parseDurationMs } from './duration';
import { HproError } from './errors';

/** The protocol of EVALUATION.md; every field is a command-line flag. */
export interface Protocol {
  decisionDelay: string;
  labelWindow: string;
  testFraction: number;
  seed: number;
  resamples: number;
}

export const DEFAULT_PROTOCOL: Protocol = {
  decisionDelay: 'P3D',
  labelWindow: 'P90D',
  testFraction: 0.2,
  seed: 7,
  resamples: 200,
};

/** A lead at its decision point, with what the funnel later showed. */
export interface Example {
  lead: Lead;
  asOfMs: number;
  label: 0 | 1;
  /** Deepest stage reached by as_of + label window. */
  depth: number;
  /** Lost by as_of + label window (depth is not changed by it). */
  lost: boolean;
}

export interface ProtocolSplit {
  train: Example[];
  test: Example[];
  excludedDecided: number;
  excludedUnmatured: number;
}

/** Applies decision point, eligibility, label, depth and the time split. */
export function applyProtocol(
  dataset: Dataset,
  protocol: Protocol,
): ProtocolSplit {
  const delayMs = parseDurationMs(protocol.decisionDelay);
  const windowMs = parseDurationMs(protocol.labelWindow);
  if (!(protocol.testFraction > 0 && protocol.testFraction < 1)) {
    throw new HproError('BAD_ARGUMENT', '--test-fraction must be in (0, 1)');
  }

  const eligible: Example[] = [];
  let excludedDecided = 0;
  let excludedUnmatured = 0;
  for (const lead of dataset.leads) {
    const asOfMs = lead.createdAtMs + delayMs;
    if (isDecided(lead, dataset, asOfMs)) {
      excludedDecided++;
      continue;
    }
    if (asOfMs + windowMs > dataset.observedUntilMs) {
      excludedUnmatured++;
      continue;
    }
    eligible.push(outcomeOf(lead, dataset, asOfMs, windowMs));
  }

  eligible.sort(
    (a, b) =>
      a.lead.createdAtMs - b.lead.createdAtMs ||
      compareStrings(a.lead.leadId, b.lead.leadId),
  );
  const testCount = Math.ceil(protocol.testFraction * eligible.length);
  return {
    train: eligible.slice(0, eligible.length - testCount),
    test: eligible.slice(eligible.length - testCount),
    excludedDecided,
    excludedUnmatured,
  };
}

function isDecided(lead: Lead, dataset: Dataset, asOfMs: number): boolean {
  const { won, lost } = dataset.funnel;
  return lead.events.some(
    (e) =>
      e.type === 'stage_changed' &&
      e.tsMs <= asOfMs &&
      (e.stage === won || e.stage === lost),
  );
}

function outcomeOf(
  lead: Lead,
  dataset: Dataset,
  asOfMs: number,
  windowMs: number,
): Example {
  const { stages, won, lost } = dataset.funnel;
  const horizonMs = asOfMs + windowMs;
  let depth = 0;
  let label: 0 | 1 = 0;
  let wasLost = false;
  for (const event of lead.events) {
    if (event.type !== 'stage_changed' || event.tsMs > horizonMs) continue;
    if (event.stage === lost) {
      wasLost = true;
      continue;
    }
    depth = Math.max(depth, stages.indexOf(event.stage));
    if (event.stage === won && event.tsMs > asOfMs) label = 1;
  }
  return { lead, asOfMs, label, depth, lost: wasLost };
}

/** Stops with a clear message when there is nothing to learn from. */
export function assertLearnable(
  split: ProtocolSplit,
  datasetName: string,
): void {
  const positives = split.train.reduce((n, e) => n + e.label, 0);
  if (split.train.length === 0) {
    throw new HproError(
      'NO_POSITIVES',
      `${datasetName}: no eligible training leads under this protocol`,
    );
  }
  if (positives === 0) {
    throw new HproError(
      'NO_POSITIVES',
      `${datasetName}: the training set has no positives (no lead reached ` +
        'the won stage inside the label window); a ranking cannot be learned',
      { trainLeads: split.train.length },
    );
  }
}
