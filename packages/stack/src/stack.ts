import {
  createClickhouse,
  migrate,
  platformMigrationsDir,
  readMigrations,
  type MigrationResult,
} from '@leadscore/clickhouse';
import type { Logger } from '@leadscore/logging';
import { brokerAddress, startBroker } from './kafka-broker';
import { clickhouseUrl, startClickhouse } from './clickhouse-server';
import { ensureClickhouseServer, ensureKafkaJars } from './install';
import { stackPaths } from './paths';
import { registryUrl, startSchemaRegistry } from './schema-registry';
import { assertPortsFree, settingsOf, type StackConfig } from './settings';

export interface RunningStack {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  clickhouseUrl: string;
  stateDir: string;
  migrations: MigrationResult;
  /** Milliseconds each step took, for the README's start-up figures. */
  timingsMs: Record<string, number>;
  adopted: boolean;
}

/**
 * Installs what is missing (ClickHouse from Debian's packages, the Kafka
 * jars through Maven), starts the broker and ClickHouse side by side, the
 * schema registry once the broker is ready, and applies the ClickHouse
 * migrations. Components this state folder already runs are adopted, not
 * started twice.
 */
export async function startStack(
  config: StackConfig,
  database: string,
  logger: Logger,
): Promise<RunningStack> {
  const log = logger.child('stack');
  const paths = stackPaths(config['stack.dir']);
  const settings = settingsOf(config);
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(
    step: string,
    fn: () => Promise<T> | T,
  ): Promise<T> => {
    const startedAt = performance.now();
    try {
      return await fn();
    } finally {
      timingsMs[step] = Math.round(performance.now() - startedAt);
    }
  };

  await assertPortsFree(paths, config);

  const binary = await timed('install_clickhouse', () =>
    ensureClickhouseServer(log),
  );
  const libDir = await timed('resolve_kafka_jars', () =>
    ensureKafkaJars(paths, log),
  );

  const startKafkaAndRegistry = async () => {
    const broker = await timed('start_kafka', () =>
      startBroker(paths, libDir, settings.broker, log),
    );
    const registry = await timed('start_schema_registry', () =>
      startSchemaRegistry(
        paths,
        {
          port: config['schemaRegistry.port'],
          brokers: brokerAddress(settings.broker),
          startTimeoutMs: config['stack.startTimeoutMs'],
          config,
        },
        log,
      ),
    );
    return { adopted: broker.adopted || registry.adopted };
  };
  // Every component settles before a failure is reported, so the caller
  // can stop what did start and nothing is left half-way through starting.
  const [kafkaAndRegistry, clickhouse] = await timed('start_components', () =>
    Promise.allSettled([
      startKafkaAndRegistry(),
      timed('start_clickhouse', () =>
        startClickhouse(paths, binary, settings.clickhouse, log),
      ),
    ]),
  ).then(([first, second]) => [valueOf(first), valueOf(second)] as const);

  const url = clickhouseUrl(settings.clickhouse);
  const migrations = await timed('migrate', () =>
    migratePlatform(url, database, log),
  );
  const running: RunningStack = {
    kafkaBrokers: [brokerAddress(settings.broker)],
    schemaRegistryUrl: registryUrl(config['schemaRegistry.port']),
    clickhouseUrl: url,
    stateDir: paths.state,
    migrations,
    timingsMs,
    adopted: kafkaAndRegistry.adopted || clickhouse.adopted,
  };
  log.info('stack ready', { stateDir: paths.state, timingsMs });
  return running;
}

function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

async function migratePlatform(
  url: string,
  database: string,
  logger: Logger,
): Promise<MigrationResult> {
  const clickhouse = createClickhouse({ url, database, logger });
  const admin = createClickhouse({ url, database: 'default', logger });
  try {
    return await migrate(
      clickhouse,
      admin,
      readMigrations(platformMigrationsDir),
      logger,
    );
  } finally {
    await Promise.all([clickhouse.close(), admin.close()]);
  }
}
