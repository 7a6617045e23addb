import t from 'tap';
import {
  createAssignmentSerde,
  createLeadScoreSerde,
  createScoredLeadSerde,
} from '@leadscore/events';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import { readDecoded, startTestRouter, uniqueTopics } from './helpers';

const registry = testConfig()['schemaRegistry.url'];

t.test(
  'scores in, routed leads and one assignment per lead out; holdout leads carry no score and no grade',
  async (t) => {
    const topics = uniqueTopics();
    const experimentId = uniqueName('exp');
    const router = await startTestRouter(topics, [
      experimentJson({ id: experimentId }),
    ]);
    t.teardown(() => router.stop());
    const scores = await createLeadScoreSerde(registry, topics.scores);
    const producer = await router.kafka.createProducer();

    // 30 leads, one event each, scored by both live models: about a tenth
    // land in the holdout arm.
    const leads = Array.from({ length: 30 }, () => uniqueName('L'));
    const input = leads.flatMap((lead) =>
      ['model-a', 'model-b'].map((model, i) =>
        score({
          lead_id: lead,
          model_version: model,
          score_id: `${lead}-${model}`,
          event_id: `${lead}-e1`,
          score: i === 0 ? 0.7 : 0.1,
        }),
      ),
    );
    await producer.send(
      await Promise.all(
        input.map(async (s) => ({
          topic: topics.scores,
          key: s.lead_id,
          value: await scores.encode(s),
        })),
      ),
    );

    const keys = new Set(leads);
    const scoredSerde = await createScoredLeadSerde(registry, topics.scored);
    const routed = await readDecoded(
      router.kafka,
      scoredSerde,
      topics.scored,
      keys,
      leads.length,
    );
    const assignmentSerde = await createAssignmentSerde(
      registry,
      topics.assignments,
    );
    const assignments = await readDecoded(
      router.kafka,
      assignmentSerde,
      topics.assignments,
      keys,
      leads.length,
    );

    t.equal(routed.length, leads.length, 'one routed record per lead event');
    t.same(
      [...new Set(assignments.map((a) => a.lead_id))].length,
      leads.length,
      'one assignment per lead',
    );
    const armOf = new Map(assignments.map((a) => [a.lead_id, a]));
    for (const record of routed) {
      const assignment = armOf.get(record.lead_id);
      t.equal(record.arm, assignment?.arm, `${record.lead_id} arm`);
      t.equal(record.experiment_id, experimentId);
      if (assignment?.holdout) {
        t.equal(record.score, null, 'holdout: no score');
        t.equal(record.grade, null, 'holdout: no grade');
        t.equal(record.model_version, null);
        t.equal(record.event_ts, score().event_ts, 'holdout: event time');
      } else {
        t.equal(record.model_version, assignment?.model_version);
        // model-a scored 0.7 (>= q90 0.6: A), model-b 0.1 (< q50 0.2: D).
        const expected = record.model_version === 'model-a' ? 'A' : 'D';
        t.equal(record.grade, expected, 'grade from the manifest quantiles');
      }
    }
    t.ok(
      assignments.some((a) => !a.holdout),
      'some leads are in a model arm',
    );
  },
);
