import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { predictionLines, type ModelScores } from '../eval/evaluate';
import type { Results } from '../eval/results';
import { resultsTable, tierTable } from '../eval/table';
import type { Example } from '../protocol';
import { writeLines } from '../sim/write';

/** Prints the tables and writes the optional JSON and predictions. */
export async function emitResults(
  results: Results,
  test: Example[],
  models: ModelScores[],
  jsonPath: string | null,
  predictionsPath: string | null,
): Promise<void> {
  process.stdout.write(
    `${resultsTable(results)}\n\ntier accuracy (depth d+1 over d):\n\n${tierTable(results)}\n`,
  );
  if (jsonPath !== null) {
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`wrote ${jsonPath}\n`);
  }
  if (predictionsPath !== null) {
    await mkdir(dirname(predictionsPath), { recursive: true });
    await writeLines(predictionsPath, predictionLines(test, models));
    process.stdout.write(`wrote ${predictionsPath}\n`);
  }
}

export const optionalPath = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

export { join };
