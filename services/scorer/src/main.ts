import { runService } from '@leadscore/service-runtime';
import { scorerSchema } from './config';
import { startScorer, type ScorerConfig } from './scorer';

await runService({
  name: 'scorer',
  schema: scorerSchema,
  start: async ({ config, logger, shutdown }) => {
    const scorer = await startScorer(config as ScorerConfig, logger);
    shutdown.onShutdown('scorer', () => scorer.stop());
  },
});
