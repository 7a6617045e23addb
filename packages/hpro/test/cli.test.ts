import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { loadValidator } from './schema';

const bin = new URL('../bin/hpro.js', import.meta.url).pathname;
const hpro = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

t.test(
  'simulate, train, eval and bench end to end through bin/hpro.js',
  async (t) => {
    const dir = t.testdir();
    const data = join(dir, 'data');
    const oracle = join(dir, 'oracle.jsonl');
    let run = hpro([
      'simulate',
      '--out',
      data,
      '--leads',
      '3000',
      '--seed',
      '9',
      '--oracle',
      oracle,
    ]);
    t.equal(run.status, 0, run.stderr);

    run = hpro([
      'bench',
      '--data',
      data,
      '--json',
      join(dir, 'bench.json'),
      '--predictions',
      join(dir, 'pred.jsonl'),
      '--oracle',
      oracle,
      '--resamples',
      '200',
    ]);
    t.equal(run.status, 0, run.stderr);
    t.match(run.stdout, /\| hpro \|/);
    t.match(run.stderr, /pairs_per_tier/);
    const results = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8'));
    const validate = loadValidator('results.schema.json');
    t.ok(validate(results), JSON.stringify(validate.errors));
    t.same(Object.keys(results.models), [
      'recency',
      'scorecard',
      'pointwise',
      'hpro',
      'oracle',
    ]);
    t.equal(
      results.models.recency.brier,
      null,
      'baselines have no calibration',
    );
    t.type(results.models.hpro.brier.value, 'number');
    t.ok(existsSync(join(dir, 'bench.lift.svg')));
    const predictions = readFileSync(join(dir, 'pred.jsonl'), 'utf8')
      .trim()
      .split('\n');
    t.equal(predictions.length, 5 * results.counts.test_leads);
    t.same(Object.keys(JSON.parse(predictions[0] as string)), [
      'lead_id',
      'model',
      'score',
      'label',
      'depth',
    ]);
    t.not(
      validate({ ...results, base_rate: 2 }),
      true,
      'the schema rejects a bad base rate',
    );

    run = hpro([
      'train',
      '--data',
      data,
      '--out',
      join(dir, 'model'),
      '--objective',
      'pointwise',
      '--decision-delay',
      'P2D',
    ]);
    t.equal(run.status, 0, run.stderr);
    run = hpro([
      'eval',
      '--data',
      data,
      '--model',
      join(dir, 'model'),
      '--json',
      join(dir, 'eval.json'),
      '--decision-delay',
      'P2D',
    ]);
    t.equal(run.status, 0, run.stderr);
    const evaluated = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8'));
    t.ok(validate(evaluated), JSON.stringify(validate.errors));
    t.equal(evaluated.protocol.decision_delay, 'P2D');
    t.same(Object.keys(evaluated.models), [
      'recency',
      'scorecard',
      'pointwise',
    ]);
  },
);

t.test('bad input: clear messages and exit codes', async (t) => {
  const dir = t.testdir({
    nopos: {
      'funnel.json': JSON.stringify({ stages: ['new', 'won'], won: 'won' }),
      'events.jsonl': [
        JSON.stringify({
          type: 'lead_created',
          event_id: 'a',
          lead_id: 'A',
          ts: '2025-01-01T00:00:00Z',
          attributes: {},
        }),
        'garbage',
        JSON.stringify({
          type: 'lead_created',
          event_id: 'c',
          lead_id: 'C',
          ts: '2025-02-01T00:00:00Z',
          attributes: {},
        }),
        JSON.stringify({
          type: 'lead_created',
          event_id: 'd',
          lead_id: 'D',
          ts: '2025-02-02T00:00:00Z',
          attributes: {},
        }),
        JSON.stringify({
          type: 'lead_created',
          event_id: 'b',
          lead_id: 'B',
          ts: '2025-09-01T00:00:00Z',
          attributes: {},
        }),
      ].join('\n'),
    },
    onestage: {
      'funnel.json': JSON.stringify({ stages: ['won'], won: 'won' }),
      'events.jsonl': '',
    },
  });
  let run = hpro([
    'train',
    '--data',
    join(dir, 'nopos'),
    '--out',
    join(dir, 'm'),
  ]);
  t.equal(run.status, 2);
  t.match(run.stderr, /bad line 2: not JSON/);
  t.match(run.stderr, /no positives/);
  run = hpro([
    'bench',
    '--data',
    join(dir, 'onestage'),
    '--json',
    join(dir, 'x.json'),
  ]);
  t.equal(run.status, 2);
  t.match(run.stderr, /1 stage\(s\)/);
  run = hpro([
    'eval',
    '--data',
    join(dir, 'nopos'),
    '--model',
    dir,
    '--resamples',
    '10',
  ]);
  t.match(run.stderr, /--resamples must be an integer >= 200/);
  run = hpro([
    'bench',
    '--data',
    join(dir, 'missing'),
    '--json',
    join(dir, 'x.json'),
  ]);
  t.equal(run.status, 2);
  t.match(run.stderr, /cannot read .*missing/);
  run = hpro(['bench', '--bogus']);
  t.match(run.stderr, /Unknown option '--bogus'/);
});
