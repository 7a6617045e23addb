import t from 'tap';
import { sqlLiteral } from '@leadscore/clickhouse';
import { createLeadScoreSerde } from '@leadscore/events';
import { testConfig, uniqueName, waitUntil } from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import { startTestRouter, uniqueTopics } from './helpers';

const registry = testConfig()['schemaRegistry.url'];

t.test(
  'the same score twice lands as one row (FINAL), its assignment as one row, and offsets are committed',
  async (t) => {
    const topics = uniqueTopics();
    const experimentId = uniqueName('exp');
    const router = await startTestRouter(topics, [
      experimentJson({ id: experimentId }),
    ]);
    t.teardown(() => router.stop());
    const serde = await createLeadScoreSerde(registry, topics.scores);
    const producer = await router.kafka.createProducer();

    const lead = uniqueName('L');
    const repeated = score({ lead_id: lead, score_id: uniqueName('sid') });
    const other = score({
      lead_id: lead,
      score_id: uniqueName('sid'),
      model_version: 'model-b',
    });
    const value = await serde.encode(repeated);
    // A redelivery as the scorer's at-least-once producer may cause it:
    // the same record twice, then the other model's score.
    await producer.send([
      { topic: topics.scores, key: lead, value },
      { topic: topics.scores, key: lead, value },
      { topic: topics.scores, key: lead, value: await serde.encode(other) },
    ]);

    // Offsets are committed only after the inserts were acknowledged, so
    // once all three are committed every row is in ClickHouse.
    const committed = await waitUntil('offsets committed', async () => {
      const offsets = await router.kafka.fetchCommittedOffsets(
        `group-of-${topics.scores}`,
        topics.scores,
      );
      const total = [...offsets.values()]
        .map(Number)
        .filter((o) => o > 0)
        .reduce((a, b) => a + b, 0);
      return total === 3 ? total : undefined;
    });
    t.equal(committed, 3, 'all three input records committed');

    const ch = router.clickhouse;
    const final = await ch.query<{ score_id: string; n: string }>(
      `SELECT score_id, count() AS n FROM lead_scores FINAL
       WHERE lead_id = ${sqlLiteral(lead)} GROUP BY score_id ORDER BY score_id`,
    );
    t.same(
      final.map((r) => [r.score_id, Number(r.n)]),
      [
        [repeated.score_id, 1],
        [other.score_id, 1],
      ].sort(),
      'FINAL: one row per score_id',
    );
    const assigned = await ch.query<{ arm: string; n: string }>(
      `SELECT arm, count() AS n FROM experiment_assignments FINAL
       WHERE experiment_id = ${sqlLiteral(experimentId)}
         AND lead_id = ${sqlLiteral(lead)} GROUP BY arm`,
    );
    t.equal(assigned.length, 1, 'one assignment row for the lead');
    t.equal(Number(assigned[0]?.n), 1);
  },
);
