import { readFileSync } from 'node:fs';
import { LeadscoreError } from '@leadscore/errors';
import type { Arm, Experiment } from './experiments';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const isoWithZone =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const experimentKeys = ['id', 'salt', 'start', 'stop', 'arms'];
const armKeys = ['name', 'weight', 'model_version', 'holdout'];
const MAX_WEIGHT = 1_000_000;

/**
 * Reads the experiments of the router's configuration: the file named by
 * `router.experimentsFile` and the inline JSON of `router.experiments`,
 * each a JSON array of experiments or an object `{ "experiments": [...] }`.
 * Every problem is reported at once, each naming its field
 * (`experiments[0].arms[1].weight`).
 */
export function loadExperiments(
  filePath: string | undefined,
  inlineJson: string | undefined,
): Experiment[] {
  const problems: string[] = [];
  const items: { where: string; value: unknown }[] = [];
  if (filePath) items.push(...listOf(readJsonFile(filePath), filePath));
  if (inlineJson) {
    items.push(...listOf(parseJson(inlineJson), 'router.experiments'));
  }

  const experiments: Experiment[] = [];
  for (const { where, value } of items) {
    const experiment = readExperiment(value, where, problems);
    if (experiment) experiments.push(experiment);
  }
  const ids = experiments.map((e) => e.id);
  for (const [index, id] of ids.entries()) {
    if (ids.indexOf(id) !== index) {
      problems.push(`experiment id ${JSON.stringify(id)} is defined twice`);
    }
  }

  if (problems.length > 0) {
    throw new LeadscoreError(
      'experiment_config_invalid',
      `invalid experiments:\n  - ${problems.join('\n  - ')}`,
      { context: { problems } },
    );
  }
  return experiments;
}

function readJsonFile(filePath: string): unknown {
  try {
    return JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (cause) {
    throw new LeadscoreError(
      'experiment_config_invalid',
      `router.experimentsFile ${filePath} could not be read as JSON: ${String(cause)}`,
      { cause, context: { filePath } },
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new LeadscoreError(
      'experiment_config_invalid',
      `router.experiments is not valid JSON: ${String(cause)}`,
      { cause },
    );
  }
}

function listOf(
  parsed: unknown,
  source: string,
): { where: string; value: unknown }[] {
  const object = parsed as { experiments?: unknown } | null;
  const list = Array.isArray(parsed) ? parsed : object?.experiments;
  if (!Array.isArray(list)) {
    throw new LeadscoreError(
      'experiment_config_invalid',
      `${source} must hold a JSON array of experiments or { "experiments": [...] }`,
      { context: { source } },
    );
  }
  return list.map((value, index) => ({
    where: `${source}: experiments[${index}]`,
    value,
  }));
}

function readExperiment(
  value: unknown,
  where: string,
  problems: string[],
): Experiment | undefined {
  if (!isObject(value)) {
    problems.push(`${where} must be an object`);
    return undefined;
  }
  const count = problems.length;
  unknownKeys(value, experimentKeys, where, problems);
  const id = identifier(value['id'], `${where}.id`, problems);
  const salt = value['salt'];
  if (typeof salt !== 'string' || salt === '' || salt.length > 200) {
    problems.push(`${where}.salt must be a string of 1 to 200 characters`);
  }
  const startMs = time(value['start'], `${where}.start`, problems);
  const stopMs = time(value['stop'], `${where}.stop`, problems);
  if (startMs !== undefined && stopMs !== undefined && stopMs <= startMs) {
    problems.push(`${where}.stop must be later than ${where}.start`);
  }
  const arms = readArms(value['arms'], `${where}.arms`, problems);
  const reference = arms.find((arm) => arm.modelVersion !== null);
  if (problems.length > count || !reference) return undefined;
  return {
    id,
    salt: salt as string,
    startMs: startMs as number,
    stopMs: stopMs as number,
    arms,
    referenceModelVersion: reference.modelVersion as string,
  };
}

function readArms(value: unknown, where: string, problems: string[]): Arm[] {
  if (!Array.isArray(value) || value.length < 2) {
    problems.push(`${where} must be an array of at least 2 arms`);
    return [];
  }
  const arms: Arm[] = [];
  for (const [index, item] of value.entries()) {
    const at = `${where}[${index}]`;
    if (!isObject(item)) {
      problems.push(`${at} must be an object`);
      continue;
    }
    unknownKeys(item, armKeys, at, problems);
    const name = identifier(item['name'], `${at}.name`, problems);
    const weight = item['weight'];
    if (!Number.isInteger(weight) || (weight as number) < 0) {
      problems.push(
        `${at}.weight must be an integer from 0 to ${MAX_WEIGHT}, got ${JSON.stringify(weight)}`,
      );
    } else if ((weight as number) > MAX_WEIGHT) {
      problems.push(`${at}.weight must be at most ${MAX_WEIGHT}`);
    }
    const holdout = item['holdout'] ?? false;
    const model = item['model_version'];
    if (typeof holdout !== 'boolean') {
      problems.push(`${at}.holdout must be true or false`);
    } else if (holdout && model !== undefined) {
      problems.push(`${at}.model_version must be absent on a holdout arm`);
    } else if (!holdout && (typeof model !== 'string' || model === '')) {
      problems.push(
        `${at}.model_version must name a model (or set "holdout": true)`,
      );
    }
    arms.push({
      name,
      weight: weight as number,
      modelVersion: holdout === true ? null : (model as string),
    });
  }
  checkArms(arms, where, problems);
  return arms;
}

function checkArms(arms: Arm[], where: string, problems: string[]): void {
  const names = arms.map((arm) => arm.name);
  if (new Set(names).size !== names.length) {
    problems.push(`${where} has two arms with the same name`);
  }
  if (arms.filter((arm) => arm.modelVersion === null).length > 1) {
    problems.push(`${where} has more than one holdout arm`);
  }
  if (!arms.some((arm) => arm.modelVersion !== null)) {
    problems.push(`${where} needs at least one arm with a model_version`);
  }
  // Only worth saying when every weight is itself valid.
  const valid = arms.every((a) => Number.isInteger(a.weight) && a.weight >= 0);
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  if (valid && total <= 0) {
    problems.push(`${where} weights must not all be 0`);
  }
}

function identifier(value: unknown, where: string, problems: string[]) {
  if (typeof value !== 'string' || !idPattern.test(value)) {
    problems.push(
      `${where} must be 1 to 100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit; got ${JSON.stringify(value)}`,
    );
    return '';
  }
  return value;
}

function time(value: unknown, where: string, problems: string[]) {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (typeof value !== 'string' || !isoWithZone.test(value) || isNaN(ms)) {
    problems.push(
      `${where} must be an ISO-8601 time with a zone (2026-01-01T00:00:00Z), got ${JSON.stringify(value)}`,
    );
    return undefined;
  }
  return ms;
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: string[],
  where: string,
  problems: string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      problems.push(
        `${where}.${key} is not a known field; allowed: ${allowed.join(', ')}`,
      );
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
