import { LeadscoreError } from '@leadscore/errors';
import { runService } from '@leadscore/service-runtime';
import { labelJoinerSchema } from './config';

// Not built yet: the service joins scores and assignments with later funnel outcomes in ClickHouse.
// Its issue is (not filed yet). Until then the process validates its configuration
// (so compose.yaml's keys are checked for real) and stops with a clear
// error instead of pretending to run.
await runService({
  name: 'label-joiner',
  schema: labelJoinerSchema,
  start: async () => {
    throw new LeadscoreError(
      'not_implemented',
      'the label-joiner is not built yet (issue (not filed yet))',
    );
  },
});
