import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Simulation } from './simulate';

/** Writes funnel.json, events.jsonl and optionally the oracle file. */
export async function writeSimulation(
  sim: Simulation,
  outDir: string,
  oraclePath: string | null,
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(
    join(outDir, 'funnel.json'),
    JSON.stringify(sim.funnel, null, 2) + '\n',
  );
  await writeLines(
    join(outDir, 'events.jsonl'),
    sim.events.map((e) => JSON.stringify(e.event)),
  );
  if (oraclePath !== null) {
    await writeLines(
      oraclePath,
      sim.oracle.map((row) => JSON.stringify(row)),
    );
  }
}

export async function writeLines(
  path: string,
  lines: Iterable<string>,
): Promise<void> {
  const stream = createWriteStream(path, 'utf8');
  for (const line of lines) {
    // Respect backpressure so a large dataset does not sit in memory twice.
    if (!stream.write(line + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
