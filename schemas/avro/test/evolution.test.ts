import t from 'tap';
import avro from 'avsc';
import { createKafkaClient } from '@leadscore/kafka';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { leadEventSchemaText, valueSubject } from '../src/index';

const config = testConfig();
const registry = config['schemaRegistry.url'];
const contentType = 'application/vnd.schemaregistry.v1+json';

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${registry}${path}`, {
    method,
    headers: { 'content-type': contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

type Schema = {
  fields: { name: string; type: unknown; default?: unknown }[];
} & Record<string, unknown>;
const v1 = JSON.parse(leadEventSchemaText) as Schema;

/** v2: an optional `language` on Interaction, with a default. */
function withOptionalLanguage(): Schema {
  const v2 = structuredClone(v1);
  const payload = v2.fields.find((f) => f.name === 'payload');
  const interaction = (payload?.type as Schema[]).find(
    (b) => b['name'] === 'Interaction',
  );
  interaction?.fields.push({
    name: 'language',
    type: ['null', 'string'],
    default: null,
  });
  return v2;
}

/** Incompatible: a required top-level field without a default. */
function withRequiredPriority(): Schema {
  const v3 = structuredClone(v1);
  v3.fields.push({ name: 'priority', type: 'int' });
  return v3;
}

function wire(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

t.test(
  'a new optional field registers under BACKWARD_TRANSITIVE and old readers keep reading',
  async (t) => {
    const topic = uniqueName('it.evolution');
    const subject = valueSubject(topic);
    t.equal(
      (
        await call('PUT', `/config/${subject}`, {
          compatibility: 'BACKWARD_TRANSITIVE',
        })
      ).status,
      200,
    );

    const first = await call('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(v1),
    });
    const second = await call('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(withOptionalLanguage()),
    });
    t.equal(first.status, 200);
    t.equal(second.status, 200);
    t.not(second.body['id'], first.body['id'], 'a new schema id');
    t.same((await call('GET', `/subjects/${subject}/versions`)).body, [1, 2]);

    // A producer on v2 writes an interaction with a language...
    const writer = avro.Type.forSchema(withOptionalLanguage() as avro.Schema);
    const written = {
      event_id: uniqueName('e'),
      lead_id: 'L-evolution',
      ts: Date.parse('2025-03-02T10:30:00Z'),
      source: null,
      payload: {
        'leadscore.events.Interaction': {
          channel: 'call',
          text: '试驾',
          attributes: {},
          language: 'zh',
        },
      },
    };
    const kafka = createKafkaClient({
      brokers: config['kafka.brokers'],
      clientId: 'evolution-test',
      logger: testLogger(),
    });
    t.teardown(() => kafka.close());
    await kafka.ensureTopics([{ topic, partitions: 1 }]);
    const producer = await kafka.createProducer();
    await producer.send([
      {
        topic,
        key: written.lead_id,
        value: wire(Number(second.body['id']), writer.toBuffer(written)),
      },
    ]);

    // ...and a consumer still on v1 reads it through schema resolution,
    // fetching the writer's schema by the id in the record.
    let bytes: Buffer | undefined;
    const runner = await kafka.runConsumer({
      groupId: uniqueName('it.evolution.old-reader'),
      topics: [topic],
      fromBeginning: true,
      handleRecord: async (record) => {
        bytes = record.value ?? undefined;
      },
    });
    await waitUntil('the v2 record', () => bytes);
    await runner.stop();

    const writerId = bytes?.readInt32BE(1) ?? -1;
    const fetched = await call('GET', `/schemas/ids/${writerId}`);
    const reader = avro.Type.forSchema(v1 as avro.Schema);
    const resolver = reader.createResolver(
      avro.Type.forSchema(JSON.parse(String(fetched.body['schema']))),
    );
    const read = reader.fromBuffer(
      bytes?.subarray(5) ?? Buffer.alloc(0),
      resolver,
    ) as typeof written;
    t.equal(read.event_id, written.event_id);
    t.same(
      read.payload,
      {
        'leadscore.events.Interaction': {
          channel: 'call',
          text: '试驾',
          attributes: {},
        },
      },
      'the new field is dropped for the old reader',
    );
  },
);

t.test(
  'an incompatible change is refused with 409 and the reason',
  async (t) => {
    const subject = valueSubject(uniqueName('it.evolution.bad'));
    await call('PUT', `/config/${subject}`, {
      compatibility: 'BACKWARD_TRANSITIVE',
    });
    await call('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(v1),
    });
    const refused = await call('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(withRequiredPriority()),
    });
    t.equal(refused.status, 409);
    t.equal(refused.body['error_code'], 409);
    t.match(String(refused.body['message']), /priority/);
    t.same(
      (await call('GET', `/subjects/${subject}/versions`)).body,
      [1],
      'nothing registered',
    );
  },
);
