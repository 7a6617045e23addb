import { leadEventSchemaText, valueSubject } from '@leadscore/avro-schemas';
import { LeadscoreError } from '@leadscore/errors';
// Deep imports: the package's index also loads every cloud KMS driver,
// which costs start-up time and memory for nothing here.
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import {
  AvroDeserializer,
  AvroSerializer,
} from '@confluentinc/schemaregistry/dist/serde/avro.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';
import {
  fromAvro,
  toAvro,
  type AvroLeadEvent,
  type LeadEvent,
} from './lead-event';
import { topics } from './topics';

export interface LeadEventSerde {
  /** The registry's id of the schema this process writes with. */
  readonly schemaId: number;
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro body. */
  encode(event: LeadEvent): Promise<Buffer>;
  /** Reads any registered version of the schema (resolved to ours). */
  decode(bytes: Buffer): Promise<LeadEvent>;
}

/**
 * Registers the lead event schema under `leads.events.v1-value` (the same
 * text registers once and returns the same id; an incompatible one is
 * refused by the registry) and serializes with exactly that id, so a newer
 * version registered by someone else never changes what this process
 * writes.
 */
export async function createLeadEventSerde(
  registryUrl: string,
): Promise<LeadEventSerde> {
  const client = new SchemaRegistryClient({
    baseURLs: [registryUrl],
    maxRetries: 3,
  });
  const subject = valueSubject(topics.events);
  let schemaId: number;
  try {
    schemaId = await client.register(subject, {
      schemaType: 'AVRO',
      schema: leadEventSchemaText,
    });
  } catch (cause) {
    throw new LeadscoreError(
      'schema_registration_failed',
      `could not register ${subject} at ${registryUrl}`,
      {
        cause,
        retriable: true,
        context: { subject, registryUrl },
      },
    );
  }

  const serializer = new AvroSerializer(client, SerdeType.VALUE, {
    useSchemaId: schemaId,
    autoRegisterSchemas: false,
  });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  return {
    schemaId,
    encode: (event) => serializer.serialize(topics.events, toAvro(event)),
    decode: async (bytes) =>
      fromAvro(
        (await deserializer.deserialize(topics.events, bytes)) as AvroLeadEvent,
      ),
  };
}
