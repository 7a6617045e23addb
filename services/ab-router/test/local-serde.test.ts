import t from 'tap';
import { leadScoreSchemaText } from '@leadscore/avro-schemas';
import {
  createLeadScoreSerde,
  createRecordSerde,
  isTransientSerdeError,
  type LeadScore,
} from '@leadscore/events';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { score } from './fixtures';

const registry = testConfig()['schemaRegistry.url'];

t.test(
  'the local serde and the registry client read each other (same wire format)',
  async (t) => {
    const topic = uniqueName('it.serde');
    const local = await createLeadScoreSerde(registry, topic);
    const client = await createRecordSerde<LeadScore>(
      registry,
      topic,
      leadScoreSchemaText,
    );
    t.equal(local.schemaId, client.schemaId, 'one registered schema');

    const record = score({ source_offset: 2 ** 40 });
    const fromLocal = await local.encode(record);
    t.same(fromLocal, await client.encode(record), 'byte for byte');
    t.same(await client.decode(fromLocal), record);
    t.same(await local.decode(await client.encode(record)), record);
  },
);

t.test(
  'bad bytes fail as the record own fault; an unreachable registry as transient',
  async (t) => {
    const serde = await createLeadScoreSerde(registry, uniqueName('it.serde'));
    const good = await serde.encode(score());
    const unknownId = Buffer.from(good);
    unknownId.writeInt32BE(2_000_000_000, 1);
    for (const [what, bytes] of [
      ['not the wire format', Buffer.from('plain text')],
      ['truncated body', good.subarray(0, 9)],
      ['unknown schema id', unknownId],
    ] as const) {
      const error = await serde.decode(bytes).then(
        () => undefined,
        (e: unknown) => e,
      );
      t.ok(error, `${what} is refused`);
      t.equal(isTransientSerdeError(error), false, `${what} is not transient`);
    }

    // A registry that is not there (nothing listens on port 9): the
    // client's error without a response is the transient kind.
    const unreachable = (await createLeadScoreSerde(
      'http://127.0.0.1:9',
      uniqueName('it.serde'),
    ).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; cause?: unknown } | undefined;
    t.equal(unreachable?.code, 'schema_registration_failed');
    t.equal(isTransientSerdeError(unreachable?.cause), true, 'transient');
  },
);
