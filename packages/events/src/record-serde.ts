import { LeadscoreError } from '@leadscore/errors';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import {
  AvroDeserializer,
  AvroSerializer,
} from '@confluentinc/schemaregistry/dist/serde/avro.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';

export interface RecordSerde<T> {
  /** The registry's id of the schema this process writes with. */
  readonly schemaId: number;
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro body. */
  encode(value: T): Promise<Buffer>;
  /** Reads any registered version of the subject's schema. */
  decode(bytes: Buffer): Promise<T>;
}

/**
 * A value serde for one topic and one schema: registers the schema under
 * `<topic>-value` (the same text returns the same id; an incompatible one
 * is refused with the registry's reason) and writes with exactly that id,
 * so a newer version registered elsewhere never changes what this process
 * writes.
 */
export async function createRecordSerde<T>(
  registryUrl: string,
  topic: string,
  schemaText: string,
): Promise<RecordSerde<T>> {
  const client = new SchemaRegistryClient({
    baseURLs: [registryUrl],
    maxRetries: 3,
  });
  const subject = `${topic}-value`;
  let schemaId: number;
  try {
    schemaId = await client.register(subject, {
      schemaType: 'AVRO',
      schema: schemaText,
    });
  } catch (cause) {
    throw new LeadscoreError(
      'schema_registration_failed',
      `could not register ${subject} at ${registryUrl}: ${(cause as Error).message}`,
      { cause, retriable: true, context: { subject, registryUrl } },
    );
  }
  const serializer = new AvroSerializer(client, SerdeType.VALUE, {
    useSchemaId: schemaId,
    autoRegisterSchemas: false,
  });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  return {
    schemaId,
    encode: (value) => serializer.serialize(topic, value),
    decode: async (bytes) =>
      (await deserializer.deserialize(topic, bytes)) as T,
  };
}
