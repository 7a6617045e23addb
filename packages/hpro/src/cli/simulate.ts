import { HproError } from '../errors';
import { simulate } from '../sim/simulate';
import { writeSimulation } from '../sim/write';
import { numberFlag, parse, required } from './args';

export const SIMULATE_HELP = `hpro simulate --out DIR [--leads N] [--seed S] [--lang en|zh] [--oracle FILE]
  Writes a synthetic car-sales dataset (funnel.json, events.jsonl).
  --leads N       number of leads (default 40000)
  --seed S        generator seed (default 7)
  --lang en|zh    language of the interaction notes (default en)
  --oracle FILE   write each lead's hidden intent and order probability`;

export async function simulateCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    out: { type: 'string' },
    leads: { type: 'string' },
    seed: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    oracle: { type: 'string' },
  });
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'zh') {
    throw new HproError(
      'BAD_ARGUMENT',
      `--lang must be en or zh, got ${JSON.stringify(lang)}`,
    );
  }
  const leads = numberFlag(
    values,
    'leads',
    40_000,
    (n) => Number.isInteger(n) && n > 0,
    'a positive integer',
  );
  const seed = numberFlag(values, 'seed', 7, Number.isInteger, 'an integer');
  const out = required(values, 'out');

  const sim = simulate({ leads, seed, lang });
  await writeSimulation(
    sim,
    out,
    typeof values.oracle === 'string' ? values.oracle : null,
  );
  process.stdout.write(
    `wrote ${leads} leads, ${sim.events.length} events to ${out}\n`,
  );
}
