import { writeFile } from 'node:fs/promises';
import { bootstrapCounts } from '../eval/bootstrap';
import {
  baselineScores,
  evaluateModels,
  scoredSet,
  type ModelScores,
} from '../eval/evaluate';
import { oracleScores } from '../eval/oracle';
import { pairedDifferences, pairedTable } from '../eval/paired';
import { liftChartSvg } from '../eval/lift-chart';
import { forward } from '../model/forward';
import { sigmoid } from '../model/losses';
import type { Dataset } from '../dataset/types';
import type { Example, Protocol } from '../protocol';
import { trainConfig, type Objective } from '../train/config';
import { stderrReporter } from '../train/progress';
import { featurize, trainModel } from '../train/train';
import {
  numberFlag,
  parse,
  PROTOCOL_HELP,
  PROTOCOL_OPTIONS,
  protocolFrom,
  required,
} from './args';
import { emitResults, optionalPath } from './output';
import { prepare } from './prepare';

export const BENCH_HELP = `hpro bench --data DIR --json OUT [--predictions FILE] [--oracle FILE] [--lambda L]
  Trains and evaluates recency, scorecard, pointwise and hpro on one
  dataset; prints the table, writes the results JSON to OUT and a lift
  chart (SVG) beside it. --oracle adds the simulator's hidden
  probability of the steps ahead as an "oracle" row (near-best: it knows
  the hidden intent but ignores timing).
${PROTOCOL_HELP}`;

export async function benchCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    json: { type: 'string' },
    predictions: { type: 'string' },
    oracle: { type: 'string' },
    lambda: { type: 'string' },
    ...PROTOCOL_OPTIONS,
  });
  const protocol = protocolFrom(values);
  const jsonPath = required(values, 'json');
  const lambda = numberFlag(
    values,
    'lambda',
    0.5,
    (n) => n >= 0,
    'a number >= 0',
  );
  const { dataset, split } = await prepare(required(values, 'data'), protocol);

  const models: ModelScores[] = baselineScores(
    split.test,
    dataset.funnel.stages,
  );
  for (const objective of ['pointwise', 'hpro'] as const) {
    models.push(
      trainAndScore(
        dataset,
        split.train,
        split.test,
        objective,
        lambda,
        protocol,
      ),
    );
  }
  const oraclePath = optionalPath(values.oracle);
  if (oraclePath !== null)
    models.push(
      await oracleScores(oraclePath, split.test, dataset.funnel.stages),
    );

  const results = evaluateModels(dataset, split, protocol, models);
  await emitResults(
    results,
    split.test,
    models,
    jsonPath,
    optionalPath(values.predictions),
  );
  process.stdout.write(
    `\n${hproVersusPointwise(dataset, split.test, models, protocol)}\n`,
  );
  const svgPath = jsonPath.replace(/\.json$/i, '') + '.lift.svg';
  await writeFile(
    svgPath,
    liftChartSvg(
      dataset.name,
      models,
      split.test.map((e) => e.lead.leadId),
      Uint8Array.from(split.test, (e) => e.label),
    ),
  );
  process.stdout.write(`wrote ${svgPath}\n`);
}

function trainAndScore(
  dataset: Dataset,
  train: Example[],
  test: Example[],
  objective: Objective,
  lambda: number,
  protocol: Protocol,
): ModelScores {
  const startedMs = performance.now();
  const model = trainModel(
    train,
    dataset.funnel,
    trainConfig({ objective, lambda, seed: protocol.seed }),
    stderrReporter(),
  );
  const logits = featurize(test, model.spec).map(
    (x) => forward(model.params, x).logit,
  );
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  process.stdout.write(
    `${objective}: trained in ${seconds}s, best epoch ${model.bestEpoch}/${model.epochsRun}, pairs per tier ${JSON.stringify(model.pairsPerTier)}\n`,
  );
  return {
    name: objective,
    scores: Float64Array.from(logits),
    probabilities: Float64Array.from(logits, sigmoid),
  };
}

function hproVersusPointwise(
  dataset: Dataset,
  test: Example[],
  models: ModelScores[],
  protocol: Protocol,
): string {
  const set = (name: string) =>
    scoredSet(test, models.find((m) => m.name === name) as ModelScores);
  const draws = bootstrapCounts(test.length, protocol.resamples, protocol.seed);
  const diffs = pairedDifferences(
    set('hpro'),
    set('pointwise'),
    dataset.funnel.stages.length - 1,
    draws,
  );
  return pairedTable('hpro - pointwise', diffs);
}
