/** One arm of an experiment. `modelVersion` null is the holdout arm: no
 * model, business as usual (the sales desk calls the newest leads first). */
export interface Arm {
  name: string;
  /** Relative share of new leads; 0 stops new leads from joining the arm
   * while those already in it stay. */
  weight: number;
  modelVersion: string | null;
}

export interface Experiment {
  id: string;
  salt: string;
  /** Event time the experiment starts taking leads, inclusive. */
  startMs: number;
  /** Event time it stops, exclusive. */
  stopMs: number;
  arms: readonly Arm[];
  /** The model of the first model arm: its scores trigger the records of
   * holdout-arm leads, so each causing event yields one such record
   * whatever the number of live models. */
  referenceModelVersion: string;
}

/** Whether an experiment runs at an event time: [start, stop). */
export function isRunning(experiment: Experiment, eventTsMs: number): boolean {
  return experiment.startMs <= eventTsMs && eventTsMs < experiment.stopMs;
}

/**
 * The experiment a lead with no assignment in any running experiment
 * joins, when several run at once: the one that started last (ties by
 * id), so a new experiment takes the new leads while an older one keeps
 * the leads it has until it stops. Undefined when none runs.
 */
export function experimentForNewLead(
  experiments: readonly Experiment[],
  eventTsMs: number,
): Experiment | undefined {
  let chosen: Experiment | undefined;
  for (const experiment of experiments) {
    if (!isRunning(experiment, eventTsMs)) continue;
    if (
      !chosen ||
      experiment.startMs > chosen.startMs ||
      (experiment.startMs === chosen.startMs && experiment.id < chosen.id)
    ) {
      chosen = experiment;
    }
  }
  return chosen;
}

/** Every model version an experiment routes scores of. */
export function modelVersionsOf(
  experiments: readonly Experiment[],
): Set<string> {
  const versions = new Set<string>();
  for (const experiment of experiments) {
    for (const arm of experiment.arms) {
      if (arm.modelVersion !== null) versions.add(arm.modelVersion);
    }
  }
  return versions;
}
