import { parseArgs } from 'node:util';
import { commonSchema, loadConfig, settingsEnvFor } from '@leadscore/config';
import { createKafkaClient } from '@leadscore/kafka';
import { createLogger } from '@leadscore/logging';
import { publishRelease } from './release';

export const RELEASE_HELP = `usage: hpro release --model MODEL_DIR --store STORE_DIR [--retire]

Copies a trained model into the model store under its version and announces
it on models.releases.v1, where every scorer picks it up and starts scoring
with it (--retire announces that scorers stop using it). Kafka and the schema
registry come from the usual settings (LEADSCORE_KAFKA_BROKERS,
LEADSCORE_SCHEMA_REGISTRY_URL).`;

export async function releaseCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      store: { type: 'string' },
      retire: { type: 'boolean', default: false },
    },
  });
  if (!values.model || !values.store) throw new Error(RELEASE_HELP);

  const config = loadConfig(commonSchema, {
    env: settingsEnvFor(commonSchema),
  });
  const logger = createLogger({ level: 'warn' });
  const kafka = createKafkaClient({
    brokers: config['kafka.brokers'],
    clientId: 'hpro-release',
    logger,
  });
  try {
    const release = await publishRelease({
      kafka,
      registryUrl: config['schemaRegistry.url'],
      storeDir: values.store,
      modelDir: values.model,
      live: !values.retire,
    });
    process.stdout.write(
      `${release.live ? 'released' : 'retired'} ${release.model_version} (${release.model_path} in ${values.store})\n`,
    );
  } finally {
    await kafka.close();
  }
}
