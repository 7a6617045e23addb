import type { CommonSchema, ConfigOf } from '@leadscore/config';
import {
  createClickhouse,
  migrate,
  platformMigrationsDir,
  readMigrations,
  type MigrationResult,
} from '@leadscore/clickhouse';
import type { Logger } from '@leadscore/logging';
import {
  brokerAddress,
  brokerAnswers,
  startBroker,
  type BrokerSettings,
} from './kafka-broker';
import {
  clickhouseAnswers,
  clickhouseUrl,
  startClickhouse,
  type ClickhouseSettings,
} from './clickhouse-server';
import type { StackSchema } from './config';
import { ensureClickhouseServer, ensureKafkaJars } from './install';
import { stackPaths, type StackPaths } from './paths';
import { assertPortFree, readLivePid, stopProcess } from './processes';
import {
  registryAnswers,
  registryUrl,
  startSchemaRegistry,
} from './schema-registry';

/** The stack's settings and the common ones: the registry process gets
 * the common ones it reads (log level, telemetry) from here. */
export type StackConfig = ConfigOf<StackSchema> & ConfigOf<CommonSchema>;

export interface ComponentStatus {
  name: 'kafka' | 'schema-registry' | 'clickhouse';
  endpoint: string;
  pid: number | undefined;
  healthy: boolean;
}

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

function settingsOf(config: StackConfig): {
  broker: BrokerSettings;
  clickhouse: ClickhouseSettings;
} {
  return {
    broker: {
      port: config['stack.kafkaPort'],
      controllerPort: config['stack.kafkaControllerPort'],
      heapMb: config['stack.kafkaHeapMb'],
      startTimeoutMs: config['stack.startTimeoutMs'],
    },
    clickhouse: {
      httpPort: config['stack.clickhouseHttpPort'],
      tcpPort: config['stack.clickhouseTcpPort'],
      startTimeoutMs: config['stack.startTimeoutMs'],
    },
  };
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

  // Checked before anything starts: found only after the broker, a taken
  // registry port would leave a broker behind that nobody asked for.
  if (!readLivePid(paths.registryPid, paths.registryState)) {
    await assertPortFree(config['schemaRegistry.port'], 'schemaRegistry.port');
  }

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
  const [kafkaAndRegistry, clickhouse] = await timed('start_components', () =>
    Promise.all([
      startKafkaAndRegistry(),
      timed('start_clickhouse', () =>
        startClickhouse(paths, binary, settings.clickhouse, log),
      ),
    ]),
  );

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

/** Stops what this state folder runs: the registry first (it needs the
 * broker to stop cleanly), then the broker (it may still be flushing to
 * disk), then ClickHouse. Pid files are removed; running it when nothing
 * runs is harmless. */
export async function stopStack(
  config: StackConfig,
  logger: Logger,
): Promise<string[]> {
  const log = logger.child('stack');
  const paths = stackPaths(config['stack.dir']);
  const stopped: string[] = [];

  for (const [name, pidFile, marker] of livePidFiles(paths)) {
    const pid = readLivePid(pidFile, marker);
    if (pid === undefined) continue;
    const outcome = await stopProcess(pid, pidFile, 30_000);
    log.info('component stopped', { component: name, pid, outcome });
    stopped.push(name);
  }
  return stopped;
}

function livePidFiles(paths: StackPaths): [string, string, string][] {
  return [
    ['schema-registry', paths.registryPid, paths.registryState],
    ['kafka', paths.kafkaPid, paths.kafkaProperties],
    ['clickhouse', paths.clickhousePid, paths.clickhouseConfig],
  ];
}

export async function stackStatus(
  config: StackConfig,
): Promise<ComponentStatus[]> {
  const paths = stackPaths(config['stack.dir']);
  const settings = settingsOf(config);
  return [
    {
      name: 'kafka',
      endpoint: brokerAddress(settings.broker),
      pid: readLivePid(paths.kafkaPid, paths.kafkaProperties),
      healthy: await brokerAnswers(settings.broker),
    },
    {
      name: 'schema-registry',
      endpoint: registryUrl(config['schemaRegistry.port']),
      pid: readLivePid(paths.registryPid, paths.registryState),
      healthy: await registryAnswers(config['schemaRegistry.port']),
    },
    {
      name: 'clickhouse',
      endpoint: clickhouseUrl(settings.clickhouse),
      pid: readLivePid(paths.clickhousePid, paths.clickhouseConfig),
      healthy: await clickhouseAnswers(settings.clickhouse),
    },
  ];
}
