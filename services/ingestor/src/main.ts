import { LeadscoreError } from '@leadscore/errors';
import { runService } from '@leadscore/service-runtime';
import { ingestorSchema } from './config';

// Not built yet: the service accepts CRM events over HTTP and a raw topic, validates them and produces Avro to leads.events.v1.
// Its issue is 3. Until then the process validates its configuration
// (so compose.yaml's keys are checked for real) and stops with a clear
// error instead of pretending to run.
await runService({
  name: 'ingestor',
  schema: ingestorSchema,
  start: async () => {
    throw new LeadscoreError(
      'not_implemented',
      'the ingestor is not built yet (issue 3)',
    );
  },
});
