import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeadScore } from '@leadscore/events';
import type { Experiment } from '../src/experiments';

/** The experiment of most tests: two models and a holdout, running
 * through 2026. */
export function experimentJson(overrides: Record<string, unknown> = {}) {
  return {
    id: 'exp-1',
    salt: 'salt-1',
    start: '2026-01-01T00:00:00Z',
    stop: '2027-01-01T00:00:00Z',
    arms: [
      { name: 'champion', weight: 45, model_version: 'model-a' },
      { name: 'challenger', weight: 45, model_version: 'model-b' },
      { name: 'holdout', weight: 10, holdout: true },
    ],
    ...overrides,
  };
}

export function experiment(overrides: Partial<Experiment> = {}): Experiment {
  return {
    id: 'exp-1',
    salt: 'salt-1',
    startMs: Date.parse('2026-01-01T00:00:00Z'),
    stopMs: Date.parse('2027-01-01T00:00:00Z'),
    arms: [
      { name: 'champion', weight: 45, modelVersion: 'model-a' },
      { name: 'challenger', weight: 45, modelVersion: 'model-b' },
      { name: 'holdout', weight: 10, modelVersion: null },
    ],
    referenceModelVersion: 'model-a',
    ...overrides,
  };
}

export function score(overrides: Partial<LeadScore> = {}): LeadScore {
  return {
    score_id: 'score-1',
    lead_id: 'lead-1',
    model_version: 'model-a',
    score: 0.42,
    feature_spec_version: 'fs-1',
    event_id: 'event-1',
    event_type: 'interaction',
    event_ts: Date.parse('2026-03-01T08:00:00Z'),
    source_partition: 0,
    source_offset: 7,
    scored_at: Date.parse('2026-03-01T08:00:01Z'),
    ...overrides,
  };
}

/** Validation quantiles as hpro writes them (packages/hpro manifest). */
export function manifest(modelVersion: string) {
  return {
    manifest_version: 1,
    model_version: modelVersion,
    score_quantiles: {
      q: [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99],
      logit: [-4, -3, -2.5, -2, -1, 0, 1, 2, 3],
      probability: [0.01, 0.02, 0.05, 0.08, 0.2, 0.4, 0.6, 0.8, 0.95],
    },
  };
}

/** A model store folder with a manifest for each version. */
export function modelStore(versions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ab-router-store-'));
  for (const version of versions) {
    mkdirSync(join(dir, version));
    writeFileSync(
      join(dir, version, 'manifest.json'),
      JSON.stringify(manifest(version)),
    );
  }
  return dir;
}
