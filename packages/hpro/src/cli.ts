import { benchCommand, BENCH_HELP } from './cli/bench';
import { evalCommand, EVAL_HELP } from './cli/eval';
import { importCommand, IMPORT_HELP } from './cli/import';
import { simulateCommand, SIMULATE_HELP } from './cli/simulate';
import { trainCommand, TRAIN_HELP } from './cli/train';
import { HproError } from './errors';

const COMMANDS: Record<
  string,
  { run: (argv: string[]) => Promise<void>; help: string }
> = {
  simulate: { run: simulateCommand, help: SIMULATE_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  train: { run: trainCommand, help: TRAIN_HELP },
  eval: { run: evalCommand, help: EVAL_HELP },
  bench: { run: benchCommand, help: BENCH_HELP },
  // Loaded on demand: releasing talks to Kafka and the schema registry,
  // which the training and evaluation commands never need.
  release: {
    run: async (argv) =>
      (await import('@leadscore/model-store')).releaseCommand(argv),
    help: 'hpro release --model MODEL_DIR --store STORE_DIR [--retire]\n\nCopies a trained model into the model store and announces it on\nmodels.releases.v1 (--retire: scorers stop using it).',
  },
};

const USAGE = `usage: hpro <command> [flags]

commands:
  simulate   write a synthetic car-sales dataset
  import     turn x-education or olist into a dataset folder
  train      train a model (hpro or pointwise), export ONNX + manifest
  eval       evaluate a trained model against the baselines
  bench      train and evaluate recency, scorecard, pointwise and hpro
  release    copy a model into the model store and announce it to scorers

hpro <command> --help shows a command's flags.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (
    name === undefined ||
    name === '--help' ||
    name === '-h' ||
    name === 'help'
  ) {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(
      `hpro: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`,
    );
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof HproError) {
      process.stderr.write(`hpro ${name}: ${error.message}\n`);
      return 2;
    }
    // A file the command could not read or write: the message names it.
    if (error instanceof Error && 'code' in error && 'path' in error) {
      process.stderr.write(`hpro ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
