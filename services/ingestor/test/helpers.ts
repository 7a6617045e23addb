import { commonSchema, loadConfig, settingsEnvFor } from '@leadscore/config';
import {
  createLeadEventSerde,
  topics,
  type LeadEvent,
} from '@leadscore/events';
import type { ConsumedRecord, KafkaClient } from '@leadscore/kafka';
import { testLogger, uniqueName, waitUntil } from '@leadscore/testkit';
import { ingestorSchema } from '../src/config';
import {
  startIngestor,
  type IngestorConfig,
  type RunningIngestor,
} from '../src/ingestor';

/** An ingestor on a free port with its own raw-topic group, against the
 * test stack. */
export async function startTestIngestor(
  overrides: Record<string, string> = {},
): Promise<RunningIngestor> {
  const schema = { ...commonSchema, ...ingestorSchema };
  const config = loadConfig(schema, {
    env: {
      ...settingsEnvFor(schema),
      LEADSCORE_INGESTOR_PORT: '0',
      LEADSCORE_INGESTOR_CONSUMER_GROUP: uniqueName('it.ingestor'),
      ...overrides,
    },
    otherKnownKeys: [],
  }) as IngestorConfig;
  return startIngestor(config, testLogger());
}

export async function post(
  url: string,
  body: string | Buffer,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Reads a topic from the start with a fresh group until `enough` holds
 * for the records whose key is one of `keys`. */
export async function readRecords(
  kafka: KafkaClient,
  topic: string,
  keys: ReadonlySet<string>,
  enough: (records: ConsumedRecord[]) => boolean,
): Promise<ConsumedRecord[]> {
  const found: ConsumedRecord[] = [];
  const runner = await kafka.runConsumer({
    groupId: uniqueName('it.reader'),
    topics: [topic],
    fromBeginning: true,
    handleRecord: async (record) => {
      if (keys.has(record.key?.toString() ?? '')) found.push(record);
    },
  });
  try {
    await waitUntil(
      `records on ${topic}`,
      () => (enough(found) ? true : undefined),
      60_000,
    );
  } finally {
    await runner.stop();
  }
  return found;
}

export async function decodeAll(
  registryUrl: string,
  records: ConsumedRecord[],
): Promise<LeadEvent[]> {
  const serde = await createLeadEventSerde(registryUrl);
  return Promise.all(
    records.map((r) => serde.decode(r.value ?? Buffer.alloc(0))),
  );
}

export function events(leadId: string, prefix = uniqueName('e')) {
  return [
    {
      type: 'lead_created',
      event_id: `${prefix}-1`,
      lead_id: leadId,
      ts: '2025-03-01T08:00:00Z',
      attributes: { channel: 'app', city_tier: 2, owns_ev: false },
    },
    {
      type: 'interaction',
      event_id: `${prefix}-2`,
      lead_id: leadId,
      ts: '2025-03-02T10:30:00+02:00',
      channel: 'call',
      text: '想预约试驾 and asked about delivery',
      attributes: { duration_s: 312 },
    },
    {
      type: 'stage_changed',
      event_id: `${prefix}-3`,
      lead_id: leadId,
      ts: '2025-03-09T15:00:00.123Z',
      stage: 'test_drive',
    },
  ];
}

export { topics };
