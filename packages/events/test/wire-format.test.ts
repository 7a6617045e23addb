import t from 'tap';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import {
  AvroDeserializer,
  AvroSerializer,
} from '@confluentinc/schemaregistry/dist/serde/avro.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';
import { testConfig } from '@leadscore/testkit';
import {
  createLeadEventSerde,
  fromAvro,
  toAvro,
  topics,
  type AvroLeadEvent,
  type LeadEvent,
} from '../src/index';

const events: LeadEvent[] = [
  {
    type: 'lead_created',
    event_id: 'w1',
    lead_id: 'L-wire',
    tsMs: 1740816000000,
    source: null,
    attributes: { channel: 'app', tier: 2, ev: true, note: null },
  },
  {
    type: 'interaction',
    event_id: 'w2',
    lead_id: 'L-wire',
    tsMs: 1740909000123,
    source: 'crm',
    channel: 'call',
    text: '试驾 ✓',
    attributes: {},
  },
  {
    type: 'stage_changed',
    event_id: 'w3',
    lead_id: 'L-wire',
    tsMs: 1741532400000,
    source: null,
    stage: 'test_drive',
  },
];

t.test(
  "the fast encoder writes exactly the bytes of Confluent's serializer, and each reads the other",
  async (t) => {
    const registryUrl = testConfig()['schemaRegistry.url'];
    const ours = await createLeadEventSerde(registryUrl);
    const client = new SchemaRegistryClient({ baseURLs: [registryUrl] });
    const serializer = new AvroSerializer(client, SerdeType.VALUE, {
      useSchemaId: ours.schemaId,
      autoRegisterSchemas: false,
    });
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});

    for (const event of events) {
      const mine = await ours.encode(event);
      const theirs = await serializer.serialize(topics.events, toAvro(event));
      t.same(mine, theirs, `${event.type}: byte-equal`);
      t.same(
        fromAvro(
          (await deserializer.deserialize(
            topics.events,
            mine,
          )) as AvroLeadEvent,
        ),
        event,
        'Confluent reads ours',
      );
      t.same(await ours.decode(theirs), event, 'we read Confluent’s');
    }
  },
);

t.test('bytes that are not the wire format are refused', async (t) => {
  const ours = await createLeadEventSerde(testConfig()['schemaRegistry.url']);
  await t.rejects(ours.decode(Buffer.from('{"type":"json"}')), /magic byte/);
});
