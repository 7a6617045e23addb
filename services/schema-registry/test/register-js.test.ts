import t from 'tap';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import {
  AvroDeserializer,
  AvroSerializer,
} from '@confluentinc/schemaregistry/dist/serde/avro.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { call, leadSchema, path } from './helpers';

// The client the platform's own serdes use (@confluentinc/schemaregistry),
// against our registry: what it sends and what it expects back.

const registry = testConfig()['schemaRegistry.url'];
const newClient = () =>
  new SchemaRegistryClient({ baseURLs: [registry], maxRetries: 1 });

t.test(
  "Confluent's JavaScript client registers, reads and checks",
  async (t) => {
    const client = newClient();
    const subject = `${uniqueName('it.js')}-value`;
    const v1 = leadSchema([{ name: 'lead_id', type: 'string', doc: subject }]);
    const v2 = leadSchema([
      { name: 'lead_id', type: 'string', doc: subject },
      { name: 'note', type: ['null', 'string'], default: null },
    ]);

    const id1 = await client.register(subject, {
      schemaType: 'AVRO',
      schema: v1,
    });
    const id2 = await client.register(subject, {
      schemaType: 'AVRO',
      schema: v2,
    });
    const ours = (await call(registry, 'GET', `${path(subject)}/versions/2`))
      .body as { id: number };
    t.equal(id2, ours.id, 'the id our API reports');

    const fresh = newClient();
    t.equal(
      await fresh.getId(subject, { schemaType: 'AVRO', schema: v1 }),
      id1,
    );
    t.match(await fresh.getLatestSchemaMetadata(subject), {
      id: id2,
      version: 2,
      schema: v2,
    });
    t.equal((await fresh.getBySubjectAndId(subject, id1)).schema, v1);
    t.same(await fresh.getAllVersions(subject), [1, 2]);
    t.ok((await fresh.getAllSubjects()).includes(subject));

    const incompatible = leadSchema([{ name: 'lead_id', type: 'int' }]);
    t.equal(
      await fresh.testSubjectCompatibility(subject, {
        schemaType: 'AVRO',
        schema: incompatible,
      }),
      false,
    );
    const refused = await fresh
      .register(subject, { schemaType: 'AVRO', schema: incompatible })
      .catch((error: unknown) => error);
    t.match(refused, { status: 409, errorCode: 409 });

    t.equal(await fresh.updateCompatibility(subject, 'FULL' as never), 'FULL');
    t.equal(await fresh.getCompatibility(subject), 'FULL');
    t.same(await fresh.deleteSubject(subject), [1, 2]);
    const gone = await fresh
      .getAllVersions(subject)
      .catch((error: unknown) => error);
    t.match(gone, { status: 404, errorCode: 40401 });
  },
);

t.test('its Avro serde writes and reads through our registry', async (t) => {
  const topic = uniqueName('it.js.serde');
  const schema = leadSchema([
    { name: 'lead_id', type: 'string', doc: topic },
    { name: 'score', type: 'double' },
  ]);
  // As the platform's serdes do: register once, then write with that id.
  const id = await newClient().register(`${topic}-value`, {
    schemaType: 'AVRO',
    schema,
  });
  const serializer = new AvroSerializer(newClient(), SerdeType.VALUE, {
    useSchemaId: id,
    autoRegisterSchemas: false,
  });
  const value = { lead_id: 'L-1', score: 0.75 };
  const bytes = await serializer.serialize(topic, value);

  const latest = (
    await call(registry, 'GET', `${path(`${topic}-value`)}/versions/latest`)
  ).body as { id: number };
  t.equal(bytes[0], 0, 'Confluent magic byte');
  t.equal(bytes.readInt32BE(1), latest.id, 'the id our registry gave out');

  const deserializer = new AvroDeserializer(newClient(), SerdeType.VALUE, {});
  t.same(await deserializer.deserialize(topic, bytes), value);
});
