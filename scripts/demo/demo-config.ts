import { defineSchema } from '@leadscore/config';

/** Settings of the main job's live demo. */
export const demoSchema = defineSchema({
  'demo.enabled': {
    type: 'bool',
    default: true,
    doc: 'Run the services and replay a simulated stream through them; false brings up the stack alone.',
  },
  'demo.leads': {
    type: 'int',
    default: 3_000,
    min: 100,
    max: 200_000,
    doc: 'Leads in the simulated dataset the demo trains on and replays.',
  },
  'demo.ratePerS': {
    type: 'int',
    default: 300,
    min: 0,
    max: 1_000_000,
    doc: 'Events per second the demo offers the ingestor (0: as fast as it answers).',
  },
  'demo.ingestorPort': {
    type: 'int',
    default: 18080,
    min: 1024,
    max: 65535,
    doc: 'Loopback HTTP port of the demo ingestor.',
  },
});
