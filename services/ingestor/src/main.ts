import { runService } from '@leadscore/service-runtime';
import { ingestorSchema } from './config';
import { startIngestor, type IngestorConfig } from './ingestor';

await runService({
  name: 'ingestor',
  schema: ingestorSchema,
  start: async ({ config, logger, shutdown }) => {
    const ingestor = await startIngestor(config as IngestorConfig, logger);
    shutdown.onShutdown('ingestor', () => ingestor.stop());
  },
});
