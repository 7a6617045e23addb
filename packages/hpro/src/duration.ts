import { HproError } from './errors';

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

const DURATION_RE =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses the ISO-8601 durations the protocol uses (P3D, P90D, PT12H).
 * Months and years are refused: their length depends on the calendar, and
 * the protocol must give one answer for every lead.
 */
export function parseDurationMs(text: string): number {
  const match = DURATION_RE.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new HproError(
      'BAD_DURATION',
      `not an ISO-8601 duration in weeks, days, hours, minutes or seconds: ` +
        `${JSON.stringify(text)} (examples: P3D, P90D, PT12H)`,
    );
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  const part = (value: string | undefined, unitMs: number): number =>
    value === undefined ? 0 : Number(value) * unitMs;
  return (
    part(weeks, 7 * MS_PER_DAY) +
    part(days, MS_PER_DAY) +
    part(hours, MS_PER_HOUR) +
    part(minutes, MS_PER_MINUTE) +
    part(seconds, MS_PER_SECOND)
  );
}
