import t from 'tap';
import { headerKeys } from '@leadscore/events';
import { uniqueName } from '@leadscore/testkit';
import { events, readRecords, startTestIngestor, topics } from './helpers';

t.test(
  'the raw topic: good records reach leads.events.v1, a poison record goes to the dead-letter topic without stalling its partition',
  async (t) => {
    const ingestor = await startTestIngestor();
    t.teardown(() => ingestor.stop());
    const lead = uniqueName('L');
    const [created, interaction, stage] = events(lead);
    const producer = await ingestor.kafka.createProducer();
    // One key, so all four sit on one partition, the poison in the middle.
    await producer.send([
      { topic: topics.raw, key: lead, value: JSON.stringify(created) },
      {
        topic: topics.raw,
        key: lead,
        value: '{"type":"interaction", not json',
      },
      { topic: topics.raw, key: lead, value: JSON.stringify(interaction) },
      {
        topic: topics.raw,
        key: lead,
        value: JSON.stringify({ ...stage, stage: 'signed' }),
      },
    ]);

    const accepted = await readRecords(
      ingestor.kafka,
      topics.events,
      new Set([lead]),
      (r) => r.length >= 2,
    );
    t.equal(
      accepted.length,
      2,
      'both good records, including the one after the poison',
    );

    const dead = await readRecords(
      ingestor.kafka,
      topics.deadLetter,
      new Set([lead]),
      (r) => r.length >= 2,
    );
    t.equal(dead.length, 2);
    const [malformed, unknownStage] = [...dead].sort(
      (a, b) =>
        Number(a.headers[headerKeys.deadLetterSourceOffset]) -
        Number(b.headers[headerKeys.deadLetterSourceOffset]),
    );
    t.match(
      String(malformed?.headers[headerKeys.deadLetterReason]),
      /\(line\) is not valid JSON/,
    );
    t.match(
      String(unknownStage?.headers[headerKeys.deadLetterReason]),
      /stage unknown stage "signed"/,
    );
    t.equal(
      String(malformed?.headers[headerKeys.deadLetterSourceTopic]),
      topics.raw,
    );
    t.match(
      String(malformed?.headers[headerKeys.deadLetterSourcePartition]),
      /^\d+$/,
    );
    t.equal(
      malformed?.value?.toString(),
      '{"type":"interaction", not json',
      'the original bytes are kept',
    );
  },
);
