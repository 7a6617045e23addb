import { spawn, type ChildProcess } from 'node:child_process';
import t from 'tap';
import { repoRoot } from '@leadscore/stack';
import { testLogger } from '@leadscore/testkit';
import { startScorer } from '../src/scorer';
import {
  collectScores,
  produceEvents,
  scorable,
  scorerConfig,
  scorerEnv,
  simulatedEvents,
  storeWith,
  testKafka,
  trainTestModels,
  uniqueTopics,
} from './helpers';

function startScorerProcess(env: Record<string, string>): {
  child: ChildProcess;
  logs: () => string;
} {
  const child = spawn(
    'node',
    ['--import', 'tsx', 'services/scorer/src/main.ts'],
    {
      cwd: repoRoot(),
      env: { ...env, LEADSCORE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let logs = '';
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  return { child, logs: () => logs };
}

t.test(
  'a scorer killed with SIGKILL rebuilds its state from the changelog and scores as a clean run does',
  async (t) => {
    const models = trainTestModels();
    const kafka = testKafka();
    t.teardown(() => kafka.close());
    const topics = uniqueTopics();
    const store = storeWith(models.hproDir);
    const events = simulatedEvents(models.simDir, 60);
    const half = Math.floor(events.length / 2);
    await kafka.ensureTopics([
      { topic: topics.input, partitions: 3 },
      { topic: topics.output, partitions: 3 },
    ]);
    const env = scorerEnv(topics, store, {
      LEADSCORE_SCORER_MODELS: models.hproVersion,
    });

    const first = startScorerProcess(env);
    t.teardown(() => void first.child.kill('SIGKILL'));
    await produceEvents(kafka, topics.input, events.slice(0, half));
    await collectScores(
      kafka,
      topics.output,
      (s) =>
        new Set(s.map((x) => x.event_id)).size >=
        scorable(events.slice(0, half)).length,
    ).catch((error: unknown) => {
      t.comment(`scorer process log:\n${first.logs()}`);
      throw error;
    });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    // The restart joins while the coordinator still lists the killed
    // member: the group rebalances once its session times out (10 s).
    const committed = await kafka.fetchCommittedOffsets(
      topics.group,
      topics.input,
    );
    t.ok(
      [...committed.values()].some((o) => Number(o) > 0),
      `offsets were committed before the kill: ${JSON.stringify([...committed])}`,
    );

    await produceEvents(kafka, topics.input, events.slice(half));
    const restartedAt = Date.now();
    const second = startScorerProcess(env);
    t.teardown(() => void second.child.kill('SIGKILL'));
    const all = scorable(events);
    const killedRun = await collectScores(
      kafka,
      topics.output,
      (s) => new Set(s.map((x) => x.event_id)).size >= all.length,
    ).catch((error: unknown) => {
      t.comment(`restarted scorer log:\n${second.logs()}`);
      throw error;
    });
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));

    const afterRestart = killedRun.filter((s) => s.scored_at >= restartedAt);
    t.ok(afterRestart.length > 0, 'the restarted scorer scored');
    const rewound = afterRestart.filter(
      (s) => s.source_offset < Number(committed.get(s.source_partition) ?? 0),
    );
    t.same(rewound, [], 'nothing below the committed offsets was read again');
    const rebuilt = second
      .logs()
      .split('\n')
      .filter((line) => line.includes('partition state rebuilt'))
      .map((line) => JSON.parse(line) as { leads: number });
    t.ok(
      rebuilt.some((r) => r.leads > 0),
      'state came back from the changelog',
    );

    // A clean run over the same input: own group, changelog and output.
    const clean = uniqueTopics();
    await kafka.ensureTopics([{ topic: clean.output, partitions: 3 }]);
    const cleanEnv = scorerEnv({ ...clean, input: topics.input }, store, {
      LEADSCORE_SCORER_MODELS: models.hproVersion,
    });
    const cleanScorer = await startScorer(scorerConfig(cleanEnv), testLogger());
    t.teardown(() => cleanScorer.stop());
    const cleanRun = await collectScores(
      kafka,
      clean.output,
      (s) => new Set(s.map((x) => x.event_id)).size >= all.length,
    );

    const asMap = (scores: typeof cleanRun) =>
      new Map(scores.map((s) => [s.score_id, s.score]));
    const killedMap = asMap(killedRun);
    const cleanMap = asMap(cleanRun);
    t.equal(killedMap.size, cleanMap.size, 'same score ids');
    const differing = [...cleanMap].filter(
      ([id, score]) => killedMap.get(id) !== score,
    );
    t.same(differing, [], 'score_id -> score equals the clean run');
  },
);
