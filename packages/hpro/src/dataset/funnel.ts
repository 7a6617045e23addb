import { HproError } from '../errors';
import type { Funnel } from './types';

/** Validates funnel.json. A funnel needs at least two stages to rank by. */
export function parseFunnel(raw: unknown, where: string): Funnel {
  const bad = (why: string): never => {
    throw new HproError('BAD_FUNNEL', `${where}: ${why}`, { where });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return bad('funnel.json is not a JSON object');
  }
  const obj = raw as Record<string, unknown>;

  const stages = obj.stages;
  if (!Array.isArray(stages) || stages.some((s) => typeof s !== 'string')) {
    return bad('"stages" must be an array of stage names');
  }
  if (new Set(stages).size !== stages.length) {
    return bad('"stages" has a repeated name');
  }
  if (stages.length < 2) {
    return bad(
      `the funnel has ${stages.length} stage(s); at least two are needed ` +
        '(a start and the won stage), otherwise there is nothing to rank',
    );
  }
  if (typeof obj.won !== 'string' || !stages.includes(obj.won)) {
    return bad('"won" must name one of "stages"');
  }
  if (obj.won === stages[0]) {
    return bad('"won" is the first stage: every lead would be a conversion');
  }
  const lost = obj.lost ?? null;
  if (lost !== null && (typeof lost !== 'string' || stages.includes(lost))) {
    return bad('"lost" must be a stage name outside "stages"');
  }

  let observedUntilMs: number | null = null;
  if (obj.observed_until !== undefined && obj.observed_until !== null) {
    observedUntilMs =
      typeof obj.observed_until === 'string'
        ? Date.parse(obj.observed_until)
        : NaN;
    if (!Number.isFinite(observedUntilMs)) {
      return bad('"observed_until" is not an ISO-8601 time');
    }
  }
  const syntheticTime = obj.synthetic_time ?? false;
  if (typeof syntheticTime !== 'boolean') {
    return bad('"synthetic_time" must be a boolean');
  }

  return {
    stages: stages as string[],
    won: obj.won,
    lost: lost as string | null,
    observedUntilMs,
    syntheticTime,
  };
}

/** Depth of a stage name, or -1 for the lost stage / unknown names. */
export function stageDepth(funnel: Funnel, stage: string): number {
  return funnel.stages.indexOf(stage);
}
