import type { AvroType } from './avro-schema';
import type { CompatibilityLevel } from './config';

export interface VersionedType {
  version: number;
  type: AvroType;
}

/**
 * Why `candidate` may not follow `previous` (live versions, oldest first)
 * under `level`; empty when it may. Decided by Avro schema resolution
 * itself: a reader can read a writer's data exactly when avsc builds a
 * resolver from the writer's schema to the reader's.
 *
 * BACKWARD: the candidate reads what earlier versions wrote (consumers
 * upgrade first). FORWARD: earlier versions read what the candidate
 * writes (producers upgrade first). FULL: both. The _TRANSITIVE levels
 * check every live version; the others the latest only.
 */
export function compatibilityProblems(
  level: CompatibilityLevel,
  candidate: AvroType,
  previous: readonly VersionedType[],
): string[] {
  if (level === 'NONE' || previous.length === 0) return [];

  const transitive = level.endsWith('_TRANSITIVE');
  const latest = previous[previous.length - 1];
  const against = transitive ? previous : latest ? [latest] : [];
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  const problems: string[] = [];

  for (const { version, type } of against) {
    if (backward) {
      const why = resolutionProblem(candidate, type);
      if (why) {
        problems.push(
          `${level}: the new schema cannot read data written with version ${version}: ${why}`,
        );
      }
    }
    if (forward) {
      const why = resolutionProblem(type, candidate);
      if (why) {
        problems.push(
          `${level}: version ${version} cannot read data written with the new schema: ${why}`,
        );
      }
    }
  }
  return problems;
}

/** avsc's reason when `reader` cannot read data written with `writer`
 * (a field without default, a type that does not promote, a missing enum
 * symbol, a renamed record without alias), or undefined when it can. */
export function resolutionProblem(
  reader: AvroType,
  writer: AvroType,
): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
