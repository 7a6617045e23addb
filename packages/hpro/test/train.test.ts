import t from 'tap';
import { forward } from '../src/model/forward';
import { applyProtocol, DEFAULT_PROTOCOL } from '../src/protocol';
import { simulate } from '../src/sim/simulate';
import { writeSimulation } from '../src/sim/write';
import { readDataset } from '../src/dataset/read';
import { trainConfig } from '../src/train/config';
import { stderrReporter, type TrainReporter } from '../src/train/progress';
import { featurize, trainModel } from '../src/train/train';

async function smallSplit(dir: string) {
  await writeSimulation(
    simulate({ leads: 2000, seed: 21, lang: 'en' }),
    dir,
    null,
  );
  const dataset = await readDataset(dir);
  return { dataset, split: applyProtocol(dataset, DEFAULT_PROTOCOL) };
}

t.test(
  'training is reproducible for a seed and logs pairs per tier',
  async (t) => {
    const { dataset, split } = await smallSplit(t.testdir());
    const logs: Array<Record<string, unknown>> = [];
    const reporter: TrainReporter = {
      progress: () => {},
      log: (message, fields) => logs.push({ message, ...fields }),
    };
    const config = trainConfig({ objective: 'hpro', maxEpochs: 3, seed: 4 });
    const a = trainModel(split.train, dataset.funnel, config, reporter);
    const b = trainModel(split.train, dataset.funnel, config);
    const c = trainModel(split.train, dataset.funnel, { ...config, seed: 5 });

    t.same(
      Array.from(a.params.hiddenW.data),
      Array.from(b.params.hiddenW.data),
      'same seed, same weights',
    );
    t.not(
      Array.from(a.params.hiddenW.data).join(),
      Array.from(c.params.hiddenW.data).join(),
      'another seed, other weights',
    );
    t.ok(a.bestEpoch >= 1 && a.bestEpoch <= a.epochsRun);

    t.equal(logs.length, a.epochsRun, 'one log line per epoch');
    const tiers = logs[0]?.pairs_per_tier as Record<
      'wide' | 'medium' | 'narrow',
      number
    >;
    t.ok(
      tiers.wide > 0 && tiers.medium > 0 && tiers.narrow > 0,
      JSON.stringify(tiers),
    );
    t.same(Object.keys(a.pairsPerTier), ['wide', 'medium', 'narrow']);

    const point = trainModel(split.train, dataset.funnel, {
      ...config,
      objective: 'pointwise',
    });
    t.same(
      point.pairsPerTier,
      { wide: 0, medium: 0, narrow: 0 },
      'no pairs without the pairwise term',
    );

    // The returned weights are the best validation epoch's, not the last.
    const x = featurize(a.validation, a.spec);
    t.ok(x.every((f) => Number.isFinite(forward(a.params, f).logit)));
  },
);

t.test(
  'the progress bar draws on a terminal and stays quiet on a pipe',
  async (t) => {
    const written: string[] = [];
    const fake = (isTTY: boolean) =>
      ({
        isTTY,
        write: (s: string) => written.push(s),
      }) as unknown as NodeJS.WriteStream;
    const tty = stderrReporter(fake(true));
    tty.progress(1, 3, 10, 10, 0.25);
    t.match(written.join(''), /\[#{30}\] epoch 1\/3 batch 10\/10 loss 0\.2500/);

    written.length = 0;
    stderrReporter(fake(false)).progress(1, 3, 10, 10, 0.25);
    t.same(written, []);
    stderrReporter(fake(false)).log('epoch done', { epoch: 1 });
    t.same(JSON.parse(written[0] as string), {
      level: 'info',
      component: 'hpro',
      message: 'epoch done',
      epoch: 1,
    });
  },
);
