import { abRouterSchema } from '@leadscore/ab-router/config';
import { commonSchema, loadConfig, type LoadOptions } from '@leadscore/config';
import { ingestorSchema } from '@leadscore/ingestor/config';
import { scorerSchema } from '@leadscore/scorer/config';
import { stackSchema } from '@leadscore/stack';
import { demoSchema } from './demo/demo-config';

/** Settings of the main job and the stack scripts: the keys every service
 * reads, the embedded stack's own and the demo's. */
export const embeddedSchema = {
  ...commonSchema,
  ...stackSchema,
  ...demoSchema,
};

/** The services' own keys: the main job passes them through to the
 * services it starts, so it accepts them without reading them. */
const serviceKeys = Object.keys({
  ...ingestorSchema,
  ...scorerSchema,
  ...abRouterSchema,
});

export function loadEmbeddedConfig(options: LoadOptions = {}) {
  return loadConfig(embeddedSchema, {
    otherKnownKeys: serviceKeys,
    ...options,
  });
}

/** Environment of the test stack: its own state folder and ports, so a
 * test run never touches a main job running beside it. */
export const testStackEnv: Record<string, string> = {
  LEADSCORE_STACK_DIR: '.stack/test',
  LEADSCORE_STACK_KAFKA_PORT: '29092',
  LEADSCORE_STACK_KAFKA_CONTROLLER_PORT: '29093',
  LEADSCORE_STACK_CLICKHOUSE_HTTP_PORT: '28123',
  LEADSCORE_STACK_CLICKHOUSE_TCP_PORT: '29000',
  LEADSCORE_SCHEMA_REGISTRY_PORT: '28081',
  LEADSCORE_KAFKA_BROKERS: '127.0.0.1:29092',
  LEADSCORE_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:28081',
  LEADSCORE_CLICKHOUSE_URL: 'http://127.0.0.1:28123',
  LEADSCORE_CLICKHOUSE_DATABASE: 'leadscore_test',
  LEADSCORE_LOG_LEVEL: 'warn',
};
