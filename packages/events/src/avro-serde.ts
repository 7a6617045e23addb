import { leadEventSchemaText } from '@leadscore/avro-schemas';
import {
  fromAvro,
  toAvro,
  type AvroLeadEvent,
  type LeadEvent,
} from './lead-event';
import { createLocalRecordSerde } from './local-serde';
import { topics } from './topics';

export interface LeadEventSerde {
  /** The registry's id of the schema this process writes with. */
  readonly schemaId: number;
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro body. */
  encode(event: LeadEvent): Promise<Buffer>;
  /** Reads any registered version of the schema (resolved to ours). */
  decode(bytes: Buffer): Promise<LeadEvent>;
}

/** The serde of leads.events.v1 values (leadscore.events.LeadEvent): the
 * fast local encoder, since every event passes through it (see
 * local-serde.ts; byte-equal to the registry client's serializer, which a
 * test checks). */
export async function createLeadEventSerde(
  registryUrl: string,
): Promise<LeadEventSerde> {
  const serde = await createLocalRecordSerde<AvroLeadEvent>(
    registryUrl,
    topics.events,
    leadEventSchemaText,
  );
  return {
    schemaId: serde.schemaId,
    encode: (event) => serde.encode(toAvro(event)),
    decode: async (bytes) => fromAvro(await serde.decode(bytes)),
  };
}
