import { saveModel } from '../model-dir';
import { trainConfig, type Objective } from '../train/config';
import { stderrReporter } from '../train/progress';
import { trainModel } from '../train/train';
import { HproError } from '../errors';
import {
  numberFlag,
  parse,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  protocolFrom,
  required,
} from './args';
import { prepare } from './prepare';

export const TRAIN_HELP = `hpro train --data DIR --out MODEL_DIR [--objective hpro|pointwise] [--lambda L]
  Trains on the protocol's training leads; writes model.onnx and manifest.json.
  --objective     hpro (pointwise + lambda * pairwise) or pointwise (default hpro)
  --lambda L      weight of the pairwise term (default 0.5)
${PROTOCOL_HELP}`;

export const OBJECTIVE_OPTIONS = {
  objective: { type: 'string' as const, default: 'hpro' },
  lambda: { type: 'string' as const },
};

export async function trainCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    out: { type: 'string' },
    ...OBJECTIVE_OPTIONS,
    ...PROTOCOL_OPTIONS,
  });
  const objective = values.objective;
  if (objective !== 'hpro' && objective !== 'pointwise') {
    throw new HproError(
      'BAD_ARGUMENT',
      `--objective must be hpro or pointwise, got ${JSON.stringify(objective)}`,
    );
  }
  const protocol = protocolFrom(values);
  const lambda = numberFlag(
    values,
    'lambda',
    0.5,
    (n) => n >= 0,
    'a number >= 0',
  );
  const out = required(values, 'out');
  const { dataset, split } = await prepare(required(values, 'data'), protocol);

  const startedMs = performance.now();
  const model = trainModel(
    split.train,
    dataset.funnel,
    trainConfig({
      objective: objective as Objective,
      lambda,
      seed: protocol.seed,
    }),
    stderrReporter(),
  );
  const manifest = await saveModel(model, out, dataset.name, protocol);
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  process.stdout.write(
    `trained ${manifest.model_version} on ${manifest.training_data.leads} leads in ${seconds}s ` +
      `(best epoch ${model.bestEpoch}, validation AUC ${model.bestValidationAuc?.toFixed(4)}); wrote ${out}\n`,
  );
}
