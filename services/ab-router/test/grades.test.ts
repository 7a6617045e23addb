import t from 'tap';
import { gradeCutsOf, gradeOf, loadGradeCuts } from '../src/grades';
import { manifest, modelStore } from './fixtures';

t.test(
  'grades come from the validation quantiles of the manifest',
  async (t) => {
    const cuts = gradeCutsOf(manifest('m1'), 'm1', 'm1/manifest.json');
    // Fixture quantiles: q50 = 0.2, q75 = 0.4, q90 = 0.6.
    t.same(cuts, { modelVersion: 'm1', minA: 0.6, minB: 0.4, minC: 0.2 });
    t.equal(gradeOf(0.95, cuts), 'A');
    t.equal(gradeOf(0.6, cuts), 'A', 'the 90th percentile itself is an A');
    t.equal(gradeOf(0.59, cuts), 'B');
    t.equal(gradeOf(0.4, cuts), 'B');
    t.equal(gradeOf(0.3, cuts), 'C');
    t.equal(gradeOf(0.2, cuts), 'C');
    t.equal(gradeOf(0.19, cuts), 'D');
    t.equal(gradeOf(0, cuts), 'D');
  },
);

t.test('manifests are read from <store>/<version>/manifest.json', async (t) => {
  const dir = modelStore(['model-a', 'model-b']);
  const cuts = loadGradeCuts(dir, ['model-a', 'model-b']);
  t.same([...cuts.keys()], ['model-a', 'model-b']);
  t.throws(() => loadGradeCuts(dir, ['model-z']), {
    code: 'model_manifest_invalid',
    message: /model model-z could not be read .*router.modelStoreDir/,
  });
});

t.test('a manifest without what grading needs is refused', async (t) => {
  const file = 'x/manifest.json';
  const noMedian = manifest('m');
  noMedian.score_quantiles.q = [
    0.1, 0.25, 0.4, 0.6, 0.75, 0.8, 0.9, 0.95, 0.99,
  ];
  const cases: [unknown, RegExp][] = [
    [{ ...manifest('other') }, /model_version must be "m"/],
    [{ ...manifest('m'), score_quantiles: {} }, /must be number arrays/],
    [noMedian, /score_quantiles.q lacks 0.5/],
  ];
  for (const [value, message] of cases) {
    t.throws(() => gradeCutsOf(value, 'm', file), {
      code: 'model_manifest_invalid',
      message,
    });
  }
});
