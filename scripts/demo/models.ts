import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest } from '@leadscore/model-store';
import { repoRoot } from '@leadscore/stack';

export interface DemoModels {
  simDir: string;
  hproDir: string;
  pointwiseDir: string;
  hproVersion: string;
  pointwiseVersion: string;
}

function hpro(args: string[]): void {
  const run = spawnSync(
    'node',
    [join(repoRoot(), 'packages/hpro/bin/hpro.js'), ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (run.status !== 0)
    throw new Error(`hpro ${args.join(' ')} failed:\n${run.stderr}`);
}

/**
 * A simulated car-sales dataset and two models trained on it, HPRO and
 * pointwise, under the state folder. Made on the first run (seconds) and
 * reused after, like the rest of the state.
 */
export function ensureDemoModels(
  stateDir: string,
  leads: number,
  print: (line: string) => void,
): DemoModels {
  const dir = join(stateDir, 'demo', `sim-${leads}`);
  const simDir = join(dir, 'dataset');
  const hproDir = join(dir, 'model-hpro');
  const pointwiseDir = join(dir, 'model-pointwise');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(simDir, 'events.jsonl'))) {
    print(`  demo        simulating ${leads} car-sales leads...`);
    hpro([
      'simulate',
      '--out',
      simDir,
      '--leads',
      String(leads),
      '--seed',
      '7',
    ]);
  }
  if (!existsSync(join(hproDir, 'manifest.json'))) {
    print('  demo        training the HPRO and pointwise models...');
    hpro(['train', '--data', simDir, '--out', hproDir, '--objective', 'hpro']);
    hpro([
      'train',
      '--data',
      simDir,
      '--out',
      pointwiseDir,
      '--objective',
      'pointwise',
    ]);
  }
  return {
    simDir,
    hproDir,
    pointwiseDir,
    hproVersion: readManifest(hproDir).model_version,
    pointwiseVersion: readManifest(pointwiseDir).model_version,
  };
}
