import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HproError } from '../errors';
import { DEFAULT_PROTOCOL, type Protocol } from '../protocol';

type Options = NonNullable<ParseArgsConfig['options']>;

export const PROTOCOL_OPTIONS: Options = {
  'decision-delay': { type: 'string', default: DEFAULT_PROTOCOL.decisionDelay },
  'label-window': { type: 'string', default: DEFAULT_PROTOCOL.labelWindow },
  'test-fraction': {
    type: 'string',
    default: String(DEFAULT_PROTOCOL.testFraction),
  },
  seed: { type: 'string', default: String(DEFAULT_PROTOCOL.seed) },
  resamples: { type: 'string', default: String(DEFAULT_PROTOCOL.resamples) },
};

export const PROTOCOL_HELP = `protocol flags (EVALUATION.md):
  --decision-delay DUR   as_of = created_at + DUR        (default ${DEFAULT_PROTOCOL.decisionDelay})
  --label-window DUR     label and depth horizon        (default ${DEFAULT_PROTOCOL.labelWindow})
  --test-fraction X      last ceil(X*n) leads are test  (default ${DEFAULT_PROTOCOL.testFraction})
  --seed S               training, pairs and bootstrap  (default ${DEFAULT_PROTOCOL.seed})
  --resamples N          bootstrap resamples, >= 200    (default ${DEFAULT_PROTOCOL.resamples})`;

export type Values = Record<string, string | boolean | undefined>;

/** Parses argv strictly: an unknown flag is an error that names it. */
export function parse(
  argv: string[],
  options: Options,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (cause) {
    throw new HproError(
      'BAD_ARGUMENT',
      (cause as Error).message,
      {},
      { cause },
    );
  }
}

export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') {
    throw new HproError('BAD_ARGUMENT', `--${name} is required`);
  }
  return value;
}

export function numberFlag(
  values: Values,
  name: string,
  fallback: number,
  check: (n: number) => boolean,
  allowed: string,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(n) || !check(n)) {
    throw new HproError(
      'BAD_ARGUMENT',
      `--${name} must be ${allowed}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

export function protocolFrom(values: Values): Protocol {
  const resamples = numberFlag(
    values,
    'resamples',
    DEFAULT_PROTOCOL.resamples,
    (n) => Number.isInteger(n) && n >= 200,
    'an integer >= 200',
  );
  return {
    decisionDelay: String(
      values['decision-delay'] ?? DEFAULT_PROTOCOL.decisionDelay,
    ),
    labelWindow: String(values['label-window'] ?? DEFAULT_PROTOCOL.labelWindow),
    testFraction: numberFlag(
      values,
      'test-fraction',
      DEFAULT_PROTOCOL.testFraction,
      (n) => n > 0 && n < 1,
      'a number in (0, 1)',
    ),
    seed: numberFlag(
      values,
      'seed',
      DEFAULT_PROTOCOL.seed,
      Number.isInteger,
      'an integer',
    ),
    resamples,
  };
}
