import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonSchema } from '@leadscore/config';
import { abRouterSchema } from '@leadscore/ab-router/config';
import { ingestorSchema } from '@leadscore/ingestor/config';
import { createKafkaClient, type KafkaClient } from '@leadscore/kafka';
import type { Shutdown } from '@leadscore/lifecycle';
import type { Logger } from '@leadscore/logging';
import { publishRelease } from '@leadscore/model-store';
import { replayDataset } from '@leadscore/replay';
import { scorerSchema } from '@leadscore/scorer/config';
import type { RunningStack } from '@leadscore/stack';
import { describeCounts, watchScored } from './live-view';
import { ensureDemoModels, type DemoModels } from './models';
import { startServiceProcess, type ServiceProcess } from './service-process';

export interface DemoSettings {
  leads: number;
  ratePerS: number;
  ingestorPort: number;
  startTimeoutMs: number;
}

export interface Pipeline {
  models: DemoModels;
  kafka: KafkaClient;
  ingestorUrl: string;
  services: ServiceProcess[];
}

/**
 * The live path on the embedded stack: two models trained on a simulated
 * dataset and released, an experiment (HPRO 45%, pointwise 45%, holdout
 * 10%), the ingestor, scorer and A/B router as processes, and the
 * simulator's stream replayed through the ingestor while a view prints
 * events/s, scored leads and leads per arm.
 */
export async function startPipeline(
  stack: RunningStack,
  settings: Omit<DemoSettings, 'ratePerS'>,
  shutdown: Shutdown,
  logger: Logger,
  print: (line: string) => void,
): Promise<Pipeline> {
  const models = ensureDemoModels(stack.stateDir, settings.leads, print);
  const store = join(stack.stateDir, 'models');
  const kafka = createKafkaClient({
    brokers: stack.kafkaBrokers,
    clientId: 'leadscore-main',
    logger,
  });
  shutdown.onShutdown('main kafka client', () => kafka.close());
  for (const modelDir of [models.hproDir, models.pointwiseDir]) {
    await publishRelease({
      kafka,
      registryUrl: stack.schemaRegistryUrl,
      storeDir: store,
      modelDir,
      live: true,
    });
  }

  const experimentsFile = join(stack.stateDir, 'demo', 'experiments.json');
  writeFileSync(
    experimentsFile,
    JSON.stringify(
      {
        experiments: [
          {
            id: 'demo-hpro-vs-pointwise',
            salt: 'demo-2025',
            start: '2000-01-01T00:00:00Z',
            stop: '2100-01-01T00:00:00Z',
            arms: [
              { name: 'hpro', weight: 45, model_version: models.hproVersion },
              {
                name: 'pointwise',
                weight: 45,
                model_version: models.pointwiseVersion,
              },
              { name: 'holdout', weight: 10, holdout: true },
            ],
          },
        ],
      },
      null,
      2,
    ),
  );

  const env = {
    ...process.env,
    LEADSCORE_KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    LEADSCORE_SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl,
    LEADSCORE_CLICKHOUSE_URL: stack.clickhouseUrl,
    LEADSCORE_INGESTOR_PORT: String(settings.ingestorPort),
    LEADSCORE_SCORER_MODEL_STORE_DIR: store,
    LEADSCORE_ROUTER_MODEL_STORE_DIR: store,
    LEADSCORE_ROUTER_EXPERIMENTS_FILE: experimentsFile,
  };
  const services: [string, string, object][] = [
    ['ingestor', 'services/ingestor/src/main.ts', ingestorSchema],
    ['scorer', 'services/scorer/src/main.ts', scorerSchema],
    ['ab-router', 'services/ab-router/src/main.ts', abRouterSchema],
  ];
  const processes: ServiceProcess[] = [];
  for (const [name, entry, schema] of services) {
    const service: ServiceProcess = await startServiceProcess(
      name,
      entry,
      { ...commonSchema, ...schema },
      env,
      settings.startTimeoutMs,
    );
    // Registered after the stack's hook, so services stop before the stack.
    shutdown.onShutdown(name, () => service.stop(20_000));
    processes.push(service);
    print(`  ${name.padEnd(15)} pid ${service.child.pid ?? '-'}  running`);
  }
  const ingestorUrl = `http://127.0.0.1:${settings.ingestorPort}`;
  print(`  ingestor        POST ${ingestorUrl}/v1/events (JSON or NDJSON)`);
  print(
    '  scored leads    topic leads.scored.v1 (Avro; subject leads.scored.v1-value)',
  );
  return { models, kafka, ingestorUrl, services: processes };
}

export async function runDemo(
  stack: RunningStack,
  settings: DemoSettings,
  shutdown: Shutdown,
  logger: Logger,
  print: (line: string) => void,
): Promise<void> {
  const { models, kafka, ingestorUrl } = await startPipeline(
    stack,
    settings,
    shutdown,
    logger,
    print,
  );
  const view = await watchScored(kafka, stack.schemaRegistryUrl);
  shutdown.onShutdown('live view', () => view.runner.stop());
  let sent = 0;
  let total = 0;
  let last = { sent: 0, atMs: Date.now(), line: '' };
  const ticker = setInterval(() => {
    const nowMs = Date.now();
    const rate = Math.round(
      ((sent - last.sent) * 1000) / Math.max(nowMs - last.atMs, 1),
    );
    const line = `events ${sent}/${total}; ${describeCounts(view.counts)}`;
    // Quiet once nothing moves: a line only when something changed.
    if (line !== last.line) print(`  live  ${rate} events/s; ${line}`);
    last = { sent, atMs: nowMs, line };
  }, 2_000);
  shutdown.onShutdown('live ticker', () => clearInterval(ticker));

  print(
    `  replaying ${models.simDir} at ${settings.ratePerS || 'full'} events/s`,
  );
  const summary = await replayDataset({
    datasetDir: models.simDir,
    ingestorUrl,
    ratePerS: settings.ratePerS,
    batchEvents: 100,
    onProgress: (done, all) => {
      sent = done;
      total = all;
    },
  });
  print(
    `  replay done: sent ${summary.sent}, accepted ${summary.accepted}, rejected ${summary.rejected}, duplicates ${summary.duplicates} in ${Math.round(summary.elapsedMs / 1000)} s`,
  );
}
