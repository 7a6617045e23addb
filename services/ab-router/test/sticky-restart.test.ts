import t from 'tap';
import {
  createAssignmentSerde,
  createLeadScoreSerde,
  createScoredLeadSerde,
  type LeadScore,
} from '@leadscore/events';
import { testConfig, uniqueName } from '@leadscore/testkit';
import { experimentJson, score } from './fixtures';
import {
  readDecoded,
  startTestRouter,
  uniqueTopics,
  type Topics,
} from './helpers';

const registry = testConfig()['schemaRegistry.url'];

/** One experiment whose weights send every new lead to one arm. */
function allTo(id: string, arm: 'champion' | 'challenger') {
  return experimentJson({
    id,
    arms: [
      {
        name: 'champion',
        weight: arm === 'champion' ? 1 : 0,
        model_version: 'model-a',
      },
      {
        name: 'challenger',
        weight: arm === 'challenger' ? 1 : 0,
        model_version: 'model-b',
      },
    ],
  });
}

/** Both live models' scores of one event of a lead. */
async function sendEvent(
  send: (records: LeadScore[]) => Promise<void>,
  lead: string,
  eventId: string,
) {
  await send(
    ['model-a', 'model-b'].map((model) =>
      score({
        lead_id: lead,
        event_id: eventId,
        model_version: model,
        score_id: `${eventId}-${model}`,
      }),
    ),
  );
}

t.test(
  'a lead keeps its arm after a restart with changed weights; new leads follow the new weights',
  async (t) => {
    const topics: Topics = uniqueTopics();
    const experimentId = uniqueName('exp');
    const lead = uniqueName('sticky');
    const newcomer = uniqueName('new');
    const serde = await createLeadScoreSerde(registry, topics.scores);

    const first = await startTestRouter(topics, [
      allTo(experimentId, 'champion'),
    ]);
    const producer = await first.kafka.createProducer();
    const send = async (records: LeadScore[]) => {
      await producer.send(
        await Promise.all(
          records.map(async (s) => ({
            topic: topics.scores,
            key: s.lead_id,
            value: await serde.encode(s),
          })),
        ),
      );
    };
    await sendEvent(send, lead, `${lead}-e1`);
    const scoredSerde = await createScoredLeadSerde(registry, topics.scored);
    const [before] = await readDecoded(
      first.kafka,
      scoredSerde,
      topics.scored,
      new Set([lead]),
      1,
    );
    t.equal(before?.arm, 'champion');
    await first.stop();

    // Same group and topics, weights reversed: a restarted router.
    const second = await startTestRouter(topics, [
      allTo(experimentId, 'challenger'),
    ]);
    t.teardown(() => second.stop());
    const producer2 = await second.kafka.createProducer();
    const send2 = async (records: LeadScore[]) => {
      await producer2.send(
        await Promise.all(
          records.map(async (s) => ({
            topic: topics.scores,
            key: s.lead_id,
            value: await serde.encode(s),
          })),
        ),
      );
    };
    await sendEvent(send2, lead, `${lead}-e2`);
    await sendEvent(send2, newcomer, `${newcomer}-e1`);

    const after = await readDecoded(
      second.kafka,
      scoredSerde,
      topics.scored,
      new Set([lead, newcomer]),
      3,
    );
    // A record handled again after the stop (its offset not yet
    // committed) repeats with the same scored_id: drop repeats as any
    // consumer does.
    const unique = [...new Map(after.map((r) => [r.scored_id, r])).values()];
    const ofLead = unique.filter((r) => r.lead_id === lead);
    t.same(
      ofLead.map((r) => [r.event_id, r.arm, r.model_version]),
      [
        [`${lead}-e1`, 'champion', 'model-a'],
        [`${lead}-e2`, 'champion', 'model-a'],
      ],
      'the assigned lead stays in its arm and model',
    );
    const ofNew = unique.filter((r) => r.lead_id === newcomer);
    t.same(
      ofNew.map((r) => r.arm),
      ['challenger'],
      'a new lead follows the new weights',
    );

    const assignmentSerde = await createAssignmentSerde(
      registry,
      topics.assignments,
    );
    const assignments = await readDecoded(
      second.kafka,
      assignmentSerde,
      topics.assignments,
      new Set([lead, newcomer]),
      2,
    );
    t.same(
      [...new Set(assignments.map((a) => `${a.lead_id}:${a.arm}`))].sort(),
      [`${lead}:champion`, `${newcomer}:challenger`].sort(),
      'one assignment per lead, never a second arm',
    );
  },
);
