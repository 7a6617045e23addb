import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grade } from '@leadscore/events';
import { LeadscoreError } from '@leadscore/errors';

/**
 * Score thresholds of one model's grades, from the probability quantiles
 * of its validation scores (manifest `score_quantiles`): A at or above the
 * 90th percentile (the top 10 % of validation leads), B from the 75th, C
 * from the 50th, D below the median.
 */
export interface GradeCuts {
  modelVersion: string;
  minA: number;
  minB: number;
  minC: number;
}

export const gradeQuantiles = { A: 0.9, B: 0.75, C: 0.5 } as const;

export function gradeOf(score: number, cuts: GradeCuts): Grade {
  if (score >= cuts.minA) return 'A';
  if (score >= cuts.minB) return 'B';
  if (score >= cuts.minC) return 'C';
  return 'D';
}

/** Reads `<store>/<version>/manifest.json` of every version. */
export function loadGradeCuts(
  storeDir: string,
  versions: Iterable<string>,
): Map<string, GradeCuts> {
  const cuts = new Map<string, GradeCuts>();
  for (const version of versions) {
    const file = join(storeDir, version, 'manifest.json');
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new LeadscoreError(
        'model_manifest_invalid',
        `manifest of model ${version} could not be read as JSON at ${file} (router.modelStoreDir)`,
        { cause, context: { modelVersion: version, file } },
      );
    }
    cuts.set(version, gradeCutsOf(manifest, version, file));
  }
  return cuts;
}

/** The cut points of a parsed manifest; `version` is the folder's name,
 * which the manifest must agree with. */
export function gradeCutsOf(
  manifest: unknown,
  version: string,
  file: string,
): GradeCuts {
  const bad = (problem: string) =>
    new LeadscoreError(
      'model_manifest_invalid',
      `manifest ${file}: ${problem}`,
      { context: { modelVersion: version, file } },
    );
  const m = manifest as {
    model_version?: unknown;
    score_quantiles?: { q?: unknown; probability?: unknown };
  } | null;
  if (m?.model_version !== version) {
    throw bad(`model_version must be ${JSON.stringify(version)}`);
  }
  const qs = m.score_quantiles?.q;
  const probabilities = m.score_quantiles?.probability;
  if (
    !isNumbers(qs) ||
    !isNumbers(probabilities) ||
    qs.length !== probabilities.length
  ) {
    throw bad(
      'score_quantiles.q and .probability must be number arrays of one length',
    );
  }
  const at = (q: number) => {
    const index = qs.findIndex((value) => Math.abs(value - q) < 1e-9);
    if (index < 0) throw bad(`score_quantiles.q lacks ${q}`);
    return probabilities[index] as number;
  };
  const cuts = {
    modelVersion: version,
    minA: at(gradeQuantiles.A),
    minB: at(gradeQuantiles.B),
    minC: at(gradeQuantiles.C),
  };
  if (!(cuts.minC <= cuts.minB && cuts.minB <= cuts.minA)) {
    throw bad('score_quantiles.probability must not decrease with q');
  }
  return cuts;
}

function isNumbers(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}
