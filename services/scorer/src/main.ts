import { LeadscoreError } from '@leadscore/errors';
import { runService } from '@leadscore/service-runtime';
import { scorerSchema } from './config';

// Not built yet: the service keeps per-lead state and scores every event with every live model through ONNX Runtime.
// Its issue is 5. Until then the process validates its configuration
// (so compose.yaml's keys are checked for real) and stops with a clear
// error instead of pretending to run.
await runService({
  name: 'scorer',
  schema: scorerSchema,
  start: async () => {
    throw new LeadscoreError(
      'not_implemented',
      'the scorer is not built yet (issue 5)',
    );
  },
});
