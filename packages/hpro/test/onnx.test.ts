import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { readDataset } from '../src/dataset/read';
import { readManifest, saveModel } from '../src/model-dir';
import { forward } from '../src/model/forward';
import { cloneParams, PARAM_NAMES } from '../src/model/params';
import { OnnxScorer } from '../src/onnx/session';
import { applyProtocol, DEFAULT_PROTOCOL } from '../src/protocol';
import { simulate } from '../src/sim/simulate';
import { writeSimulation } from '../src/sim/write';
import { trainConfig } from '../src/train/config';
import { featurize, trainModel } from '../src/train/train';
import { loadValidator } from './schema';

t.test(
  'exported model: manifest schema and parity with the TypeScript forward pass',
  async (t) => {
    const dir = t.testdir();
    await writeSimulation(
      simulate({ leads: 2500, seed: 5, lang: 'zh' }),
      join(dir, 'data'),
      null,
    );
    const dataset = await readDataset(join(dir, 'data'));
    const split = applyProtocol(dataset, DEFAULT_PROTOCOL);
    const model = trainModel(
      split.train,
      dataset.funnel,
      trainConfig({ objective: 'hpro', maxEpochs: 3, seed: 5 }),
    );
    const manifest = await saveModel(
      model,
      join(dir, 'model'),
      dataset.name,
      DEFAULT_PROTOCOL,
    );

    const validate = loadValidator('manifest.schema.json');
    const onDisk = await readManifest(join(dir, 'model'));
    t.ok(validate(onDisk), JSON.stringify(validate.errors));
    t.same(onDisk, manifest);
    t.equal(onDisk.training.pairs_per_tier.wide > 0, true);
    t.not(
      validate({ ...onDisk, inputs: onDisk.inputs.slice(1) }),
      true,
      'the schema rejects a missing input',
    );
    t.ok(
      onDisk.score_quantiles.logit.every(
        (v, i, a) => i === 0 || v >= (a[i - 1] as number),
      ),
      'quantiles ascend',
    );

    // TS forward in float64 on the same float32-rounded weights as the ONNX file.
    const rounded = cloneParams(model.params);
    for (const name of PARAM_NAMES)
      rounded[name].data.set(Float32Array.from(rounded[name].data));
    const x = featurize(split.test, onDisk.feature_spec);
    t.ok(
      x.some((f) => f.textIds.length === 0) &&
        x.some((f) => f.textIds.length > 0),
      'test set has leads with and without text',
    );

    const scorer = await OnnxScorer.load(
      readFileSync(join(dir, 'model', 'model.onnx')),
    );
    const { logits, probabilities } = await scorer.score(x);
    let worst = 0;
    x.forEach((f, i) => {
      const expected = forward(rounded, f).logit;
      worst = Math.max(worst, Math.abs((logits[i] as number) - expected));
      worst = Math.max(
        worst,
        Math.abs((probabilities[i] as number) - 1 / (1 + Math.exp(-expected))),
      );
    });
    t.ok(worst < 1e-5, `worst |onnx - ts| = ${worst} over ${x.length} leads`);

    const single = await scorer.score([x[0]!]);
    t.ok(
      Math.abs((single.logits[0] as number) - (logits[0] as number)) < 1e-6,
      'batch of one agrees with the big batch',
    );
    await scorer.release();
  },
);
