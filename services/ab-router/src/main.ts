import { runService } from '@leadscore/service-runtime';
import { startAbRouter, type AbRouterConfig } from './ab-router';
import { abRouterSchema } from './config';

await runService({
  name: 'ab-router',
  schema: abRouterSchema,
  start: async ({ config, logger, shutdown }) => {
    const router = await startAbRouter(config as AbRouterConfig, logger);
    shutdown.onShutdown('ab-router', () => router.stop());
  },
});
