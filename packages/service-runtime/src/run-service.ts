import {
  commonSchema,
  loadConfig,
  type CommonSchema,
  type ConfigOf,
  type ConfigSchema,
} from '@leadscore/config';
import { isLeadscoreError } from '@leadscore/errors';
import { createShutdown, type Shutdown } from '@leadscore/lifecycle';
import { createLogger, type Logger } from '@leadscore/logging';
import { startTelemetry } from '@leadscore/telemetry';

export interface ServiceContext<S extends ConfigSchema> {
  config: ConfigOf<CommonSchema> & ConfigOf<S>;
  logger: Logger;
  shutdown: Shutdown;
}

export interface ServiceDefinition<S extends ConfigSchema> {
  name: string;
  /** The service's own keys; the common ones are added. */
  schema: S;
  /** Starts the service's work and registers its shutdown hooks. */
  start(context: ServiceContext<S>): Promise<void>;
}

/** Every key any service accepts, so that services sharing one
 * environment (the embedded default) ignore each other's keys. */
export function serviceSchema<S extends ConfigSchema>(
  own: S,
): CommonSchema & S {
  return { ...commonSchema, ...own };
}

/**
 * The start-up every service shares: configuration validated once (a bad
 * key stops the process before anything connects), the JSON logger,
 * telemetry, and graceful shutdown on SIGTERM and SIGINT.
 */
export async function runService<S extends ConfigSchema>(
  definition: ServiceDefinition<S>,
  otherKnownKeys: Iterable<string> = [],
): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config = loadConfig(serviceSchema(definition.schema), {
      otherKnownKeys,
    }) as ConfigOf<CommonSchema> & ConfigOf<S>;
    logger = createLogger({
      level: config['log.level'],
      base: { service: definition.name },
    });
    const telemetry = startTelemetry({
      serviceName: definition.name,
      otlpEndpoint: config['otel.exporterOtlpEndpoint'],
      metricIntervalMs: config['otel.metricIntervalMs'],
    });
    const shutdown = createShutdown({
      deadlineMs: config['shutdown.deadlineMs'],
      logger,
    });
    shutdown.onShutdown('telemetry', () => telemetry.shutdown());
    shutdown.installSignalHandlers();

    await definition.start({ config, logger, shutdown });
    logger.info('service started');
  } catch (error) {
    const text = isLeadscoreError(error)
      ? `${error.code}: ${error.message}`
      : String(error);
    process.stderr.write(`${definition.name}: ${text}\n`);
    process.exitCode = 1;
    process.exit(1);
  }
}
