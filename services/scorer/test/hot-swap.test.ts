import t from 'tap';
import { publishRelease } from '@leadscore/model-store';
import { testConfig, testLogger, waitUntil } from '@leadscore/testkit';
import { startScorer } from '../src/scorer';
import {
  collectScores,
  produceEvents,
  scorable,
  scorerConfig,
  scorerEnv,
  simulatedEvents,
  testKafka,
  trainTestModels,
  uniqueTopics,
} from './helpers';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

t.test(
  'a hot swap between two different models mid-stream loses and repeats nothing',
  async (t) => {
    const models = trainTestModels();
    const kafka = testKafka();
    t.teardown(() => kafka.close());
    const topics = uniqueTopics();
    const store = mkdtempSync(join(tmpdir(), 'leadscore-store-'));
    const registryUrl = testConfig()['schemaRegistry.url'];
    const release = (modelDir: string, live: boolean) =>
      publishRelease({
        kafka,
        registryUrl,
        storeDir: store,
        modelDir,
        live,
        topic: topics.releases,
      });

    const events = simulatedEvents(models.simDir, 60);
    const third = Math.floor(events.length / 3);
    const [before, during, after] = [
      events.slice(0, third),
      events.slice(third, 2 * third),
      events.slice(2 * third),
    ];
    await kafka.ensureTopics([{ topic: topics.input, partitions: 3 }]);
    await release(models.hproDir, true);

    const scorer = await startScorer(
      scorerConfig(scorerEnv(topics, store)),
      testLogger(),
    );
    t.teardown(() => scorer.stop());
    t.same(
      scorer.models.current().map((m) => m.version),
      [models.hproVersion],
      'released model live at start',
    );

    await produceEvents(kafka, topics.input, before);
    await collectScores(
      kafka,
      topics.output,
      (s) => s.length >= scorable(before).length,
    );

    // Events keep flowing while B is released and A retired.
    const flowing = produceEvents(kafka, topics.input, during);
    await release(models.pointwiseDir, true);
    await release(models.hproDir, false);
    await flowing;
    await waitUntil('A retired and B live', () => {
      const live = scorer.models.current().map((m) => m.version);
      return live.length === 1 && live[0] === models.pointwiseVersion
        ? true
        : undefined;
    });
    await produceEvents(kafka, topics.input, after);

    const all = scorable(events);
    const scores = await collectScores(kafka, topics.output, (s) => {
      const scored = new Set(s.map((x) => x.event_id));
      return all.every((e) => scored.has(e.event_id));
    });

    const perPair = new Map<string, number>();
    for (const s of scores)
      perPair.set(
        `${s.event_id}|${s.model_version}`,
        (perPair.get(`${s.event_id}|${s.model_version}`) ?? 0) + 1,
      );
    t.ok(
      [...perPair.values()].every((n) => n === 1),
      'no event scored twice by one model',
    );
    const scoredEvents = new Set(scores.map((s) => s.event_id));
    t.equal(
      all.filter((e) => !scoredEvents.has(e.event_id)).length,
      0,
      'no event lost',
    );

    const modelsOf = (event: { event_id: string }) =>
      scores
        .filter((s) => s.event_id === event.event_id)
        .map((s) => s.model_version)
        .sort();
    for (const e of scorable(before))
      t.same(modelsOf(e), [models.hproVersion], 'before: A only');
    for (const e of scorable(after).filter((x) => !before.includes(x))) {
      t.same(modelsOf(e), [models.pointwiseVersion], 'after: B only');
    }
    const overlap = scores.filter(
      (s) =>
        s.model_version === models.hproVersion &&
        after.some((e) => e.event_id === s.event_id),
    );
    t.equal(
      overlap.length,
      0,
      'the retired model scored nothing after the swap',
    );
  },
);
