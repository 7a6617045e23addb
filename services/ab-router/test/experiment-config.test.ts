import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import t from 'tap';
import { loadExperiments } from '../src/experiment-config';
import { experimentForNewLead } from '../src/experiments';
import { experiment, experimentJson } from './fixtures';

t.test('a valid file and inline JSON load together', async (t) => {
  const file = join(tmpdir(), `experiments-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ experiments: [experimentJson()] }));
  const inline = JSON.stringify([experimentJson({ id: 'exp-2' })]);
  const loaded = loadExperiments(file, inline);
  t.same(
    loaded.map((e) => e.id),
    ['exp-1', 'exp-2'],
  );
  const [first] = loaded;
  t.equal(first?.startMs, Date.parse('2026-01-01T00:00:00Z'));
  t.equal(first?.referenceModelVersion, 'model-a');
  t.same(first?.arms[2], { name: 'holdout', weight: 10, modelVersion: null });
});

t.test('no experiments configured is allowed', async (t) => {
  t.same(loadExperiments(undefined, undefined), []);
});

t.test('every problem is reported, each naming its field', async (t) => {
  const bad = [
    experimentJson({
      id: 'bad id',
      salt: '',
      start: '2026-01-01',
      arms: [
        { name: 'a', weight: -1, model_version: 'm' },
        { name: 'b', weight: 1.5, holdout: true, model_version: 'm' },
        { name: 'c', weight: 1, colour: 'red' },
      ],
    }),
  ];
  const error = (() => {
    try {
      loadExperiments(undefined, JSON.stringify(bad));
    } catch (e) {
      return e as { code: string; message: string };
    }
  })();
  t.equal(error?.code, 'experiment_config_invalid');
  const at = 'router.experiments: experiments[0]';
  for (const expected of [
    `${at}.id must be`,
    `${at}.salt must be a string`,
    `${at}.start must be an ISO-8601 time with a zone`,
    `${at}.arms[0].weight must be an integer from 0`,
    `${at}.arms[1].weight must be an integer`,
    `${at}.arms[1].model_version must be absent on a holdout arm`,
    `${at}.arms[2].colour is not a known field`,
    `${at}.arms[2].model_version must name a model`,
  ]) {
    t.ok(error?.message.includes(expected), expected);
  }
});

t.test(
  'cross-field rules: stop after start, one holdout, ids unique',
  async (t) => {
    const cases: [unknown, RegExp][] = [
      [
        [experimentJson({ stop: '2025-01-01T00:00:00Z' })],
        /stop must be later than/,
      ],
      [
        [
          experimentJson({
            arms: [
              { name: 'a', weight: 1, holdout: true },
              { name: 'b', weight: 1, holdout: true },
            ],
          }),
        ],
        /more than one holdout arm[\s\S]*needs at least one arm with a model_version/,
      ],
      [
        [
          experimentJson({
            arms: [
              { name: 'a', weight: 0, model_version: 'm' },
              { name: 'b', weight: 0, model_version: 'n' },
            ],
          }),
        ],
        /weights must not all be 0/,
      ],
      [[experimentJson(), experimentJson()], /"exp-1" is defined twice/],
      [{ nope: [] }, /must hold a JSON array of experiments/],
    ];
    for (const [value, message] of cases) {
      t.throws(() => loadExperiments(undefined, JSON.stringify(value)), {
        code: 'experiment_config_invalid',
        message,
      });
    }
    t.throws(() => loadExperiments(undefined, '{oops'), {
      message: /router.experiments is not valid JSON/,
    });
    t.throws(
      () => loadExperiments('/nonexistent/experiments.json', undefined),
      {
        message: /router.experimentsFile \/nonexistent\/experiments.json/,
      },
    );
  },
);

t.test(
  'overlapping experiments: a new lead joins the latest started',
  async (t) => {
    const older = experiment({ id: 'old' });
    const newer = experiment({
      id: 'new',
      startMs: Date.parse('2026-06-01T00:00:00Z'),
    });
    const may = Date.parse('2026-05-01T00:00:00Z');
    const july = Date.parse('2026-07-01T00:00:00Z');
    t.equal(experimentForNewLead([older, newer], may)?.id, 'old');
    t.equal(experimentForNewLead([older, newer], july)?.id, 'new');
    t.equal(
      experimentForNewLead([older, newer], Date.parse('2030-01-01')),
      undefined,
    );
    const twin = experiment({ id: 'a-twin' });
    t.equal(
      experimentForNewLead([older, twin], may)?.id,
      'a-twin',
      'ties by id',
    );
  },
);
