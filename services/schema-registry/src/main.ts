/**
 * The embedded stack's schema registry: Confluent's REST API for Avro
 * subjects over HTTP on loopback, with its state in a compacted topic.
 * It serves only once the topic was read to its end, so the first answer
 * already knows every id an earlier run gave out.
 */
import {
  createServiceKafkaClient,
  runService,
} from '@leadscore/service-runtime';
import { schemaRegistrySchema } from './config';
import { createConfigs } from './configs';
import { createDeletions } from './deletions';
import { registryRoutes } from './http/routes';
import { createDispatch } from './http/router';
import { startHttpServer } from './http/server';
import {
  createRegistryView,
  createSchemaOperations,
  createWriteQueue,
} from './registry';
import { openSchemaStore } from './store';

await runService({
  name: 'schema-registry',
  schema: schemaRegistrySchema,
  start: async ({ config, logger, shutdown }) => {
    const startedAt = performance.now();
    const kafka = createServiceKafkaClient(config, logger);
    shutdown.onShutdown('kafka', () => kafka.close());

    const store = await openSchemaStore(kafka, {
      topic: config['schemaRegistry.topic'],
      timeoutMs: config['schemaRegistry.storeTimeoutMs'],
      logger,
      // Serving a state that no longer follows the topic would hand out
      // ids another writer already took: better to stop and be restarted.
      onReadStopped: () => {
        void shutdown.shutdown('schema topic no longer readable');
      },
    });

    const view = createRegistryView(store, {
      defaultCompatibility: config['schemaRegistry.defaultCompatibility'],
    });
    const exclusive = createWriteQueue();
    const routes = registryRoutes({
      view,
      schemas: createSchemaOperations(store, view, exclusive),
      deletions: createDeletions(store, view, exclusive),
      configs: createConfigs(store, view, exclusive),
    });
    const server = await startHttpServer(
      createDispatch(routes, logger.child('http')),
      config['schemaRegistry.port'],
      logger,
    );
    // Registered last, so it runs first: no request reaches a closed store.
    shutdown.onShutdown('http', () => server.close());

    logger.info('schema registry listening', {
      port: server.port,
      topic: config['schemaRegistry.topic'],
      startMs: Math.round(performance.now() - startedAt),
    });
  },
});
