import { LeadscoreError } from '@leadscore/errors';
import { runService } from '@leadscore/service-runtime';
import { abRouterSchema } from './config';

// Not built yet: the service assigns leads to experiment arms deterministically and publishes leads.scored.v1.
// Its issue is 5. Until then the process validates its configuration
// (so compose.yaml's keys are checked for real) and stops with a clear
// error instead of pretending to run.
await runService({
  name: 'ab-router',
  schema: abRouterSchema,
  start: async () => {
    throw new LeadscoreError(
      'not_implemented',
      'the ab-router is not built yet (issue 5)',
    );
  },
});
