import type { CommonSchema, ConfigOf } from '@leadscore/config';
import type { BrokerSettings } from './kafka-broker';
import type { ClickhouseSettings } from './clickhouse-server';
import type { StackSchema } from './config';
import type { StackPaths } from './paths';
import { assertPortFree, readLivePid } from './processes';

/** The stack's settings and the common ones: the registry process gets
 * the common ones it reads (log level, telemetry) from here. */
export type StackConfig = ConfigOf<StackSchema> & ConfigOf<CommonSchema>;

export function settingsOf(config: StackConfig): {
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
 * The ports of every component this state folder does not run yet, checked
 * before anything starts: a taken port found only once the broker is up
 * would leave a broker behind that nobody asked for.
 */
export async function assertPortsFree(
  paths: StackPaths,
  config: StackConfig,
): Promise<void> {
  const components: [string, string, [number, string][]][] = [
    [
      paths.kafkaPid,
      paths.kafkaProperties,
      [
        [config['stack.kafkaPort'], 'stack.kafkaPort'],
        [config['stack.kafkaControllerPort'], 'stack.kafkaControllerPort'],
      ],
    ],
    [
      paths.registryPid,
      paths.registryState,
      [[config['schemaRegistry.port'], 'schemaRegistry.port']],
    ],
    [
      paths.clickhousePid,
      paths.clickhouseConfig,
      [
        [config['stack.clickhouseHttpPort'], 'stack.clickhouseHttpPort'],
        [config['stack.clickhouseTcpPort'], 'stack.clickhouseTcpPort'],
      ],
    ],
  ];
  for (const [pidFile, marker, ports] of components) {
    if (readLivePid(pidFile, marker) !== undefined) continue;
    for (const [port, setting] of ports) await assertPortFree(port, setting);
  }
}
