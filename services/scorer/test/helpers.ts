import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonSchema, loadConfig, settingsEnvFor } from '@leadscore/config';
import {
  createLeadEventSerde,
  createLeadScoreSerde,
  validateEvent,
  type LeadEvent,
  type LeadScore,
} from '@leadscore/events';
import { createKafkaClient, type KafkaClient } from '@leadscore/kafka';
import { readManifest } from '@leadscore/model-store';
import { repoRoot } from '@leadscore/stack';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { scorerSchema } from '../src/config';
import type { ScorerConfig } from '../src/scorer';

const root = repoRoot();

function hpro(args: string[]): void {
  const run = spawnSync(
    'node',
    [join(root, 'packages/hpro/bin/hpro.js'), ...args],
    { encoding: 'utf8' },
  );
  if (run.status !== 0)
    throw new Error(`hpro ${args[0]} failed: ${run.stderr}`);
}

export interface TestModels {
  simDir: string;
  /** Trained model folders, hpro and pointwise: genuinely different. */
  hproDir: string;
  pointwiseDir: string;
  hproVersion: string;
  pointwiseVersion: string;
}

/** A small simulated dataset and two models trained on it (seconds). */
export function trainTestModels(): TestModels {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-scorer-'));
  const simDir = join(dir, 'sim');
  hpro(['simulate', '--out', simDir, '--leads', '1500', '--seed', '11']);
  const hproDir = join(dir, 'hpro');
  const pointwiseDir = join(dir, 'pointwise');
  hpro(['train', '--data', simDir, '--out', hproDir, '--objective', 'hpro']);
  hpro([
    'train',
    '--data',
    simDir,
    '--out',
    pointwiseDir,
    '--objective',
    'pointwise',
  ]);
  return {
    simDir,
    hproDir,
    pointwiseDir,
    hproVersion: readManifest(hproDir).model_version,
    pointwiseVersion: readManifest(pointwiseDir).model_version,
  };
}

/** A model store holding the given trained folders under their versions. */
export function storeWith(...modelDirs: string[]): string {
  const store = mkdtempSync(join(tmpdir(), 'leadscore-store-'));
  for (const dir of modelDirs)
    cpSync(dir, join(store, readManifest(dir).model_version), {
      recursive: true,
    });
  return store;
}

/** The events of the first `leads` leads of a simulated dataset, valid,
 * in event-time order, with fresh ids so runs never collide. */
export function simulatedEvents(simDir: string, leads: number): LeadEvent[] {
  const funnel = JSON.parse(
    readFileSync(join(simDir, 'funnel.json'), 'utf8'),
  ) as { stages: string[]; lost?: string };
  const run = uniqueName('r');
  const chosen = new Set<string>();
  const out: LeadEvent[] = [];
  for (const line of readFileSync(join(simDir, 'events.jsonl'), 'utf8').split(
    '\n',
  )) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as { lead_id: string; event_id: string };
    if (!chosen.has(raw.lead_id)) {
      if (chosen.size >= leads) continue;
      chosen.add(raw.lead_id);
    }
    const result = validateEvent(
      {
        ...raw,
        lead_id: `${run}-${raw.lead_id}`,
        event_id: `${run}-${raw.event_id}`,
      },
      funnel,
    );
    if (result.ok) out.push(result.event);
  }
  return out.sort(
    (a, b) => a.tsMs - b.tsMs || (a.type === 'lead_created' ? -1 : 1),
  );
}

export interface ScorerTopics {
  input: string;
  output: string;
  changelog: string;
  releases: string;
  deadLetter: string;
  group: string;
}

export function uniqueTopics(): ScorerTopics {
  return {
    input: uniqueName('it.scorer.in'),
    output: uniqueName('it.scorer.out'),
    changelog: uniqueName('it.scorer.state'),
    releases: uniqueName('it.scorer.releases'),
    deadLetter: uniqueName('it.scorer.dlq'),
    group: uniqueName('it.scorer.group'),
  };
}

/** Scorer settings as environment variables: for in-process scorers and
 * for scorer processes alike. */
export function scorerEnv(
  topics: ScorerTopics,
  store: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...settingsEnvFor({ ...commonSchema, ...scorerSchema }),
    LEADSCORE_SCORER_INPUT_TOPIC: topics.input,
    LEADSCORE_SCORER_OUTPUT_TOPIC: topics.output,
    LEADSCORE_SCORER_CHANGELOG_TOPIC: topics.changelog,
    LEADSCORE_SCORER_RELEASES_TOPIC: topics.releases,
    LEADSCORE_SCORER_DEAD_LETTER_TOPIC: topics.deadLetter,
    LEADSCORE_SCORER_CONSUMER_GROUP: topics.group,
    LEADSCORE_SCORER_MODEL_STORE_DIR: store,
    ...extra,
  };
}

export function scorerConfig(env: Record<string, string>): ScorerConfig {
  return loadConfig(
    { ...commonSchema, ...scorerSchema },
    { env },
  ) as ScorerConfig;
}

export function testKafka(): KafkaClient {
  return createKafkaClient({
    brokers: testConfig()['kafka.brokers'],
    clientId: uniqueName('scorer-test'),
    logger: testLogger(),
  });
}

export async function produceEvents(
  kafka: KafkaClient,
  topic: string,
  events: readonly LeadEvent[],
): Promise<void> {
  const serde = await createLeadEventSerde(testConfig()['schemaRegistry.url']);
  const producer = await kafka.createProducer();
  const records = await Promise.all(
    events.map(async (event) => ({
      topic,
      key: event.lead_id,
      value: await serde.encode(event),
      timestampMs: event.tsMs,
    })),
  );
  for (let i = 0; i < records.length; i += 200)
    await producer.send(records.slice(i, i + 200));
}

/** Collects decoded scores from a topic with a fresh group until
 * `enough` holds. */
export async function collectScores(
  kafka: KafkaClient,
  topic: string,
  enough: (scores: LeadScore[]) => boolean,
  timeoutMs = 150_000,
): Promise<LeadScore[]> {
  const serde = await createLeadScoreSerde(
    testConfig()['schemaRegistry.url'],
    topic,
  );
  const scores: LeadScore[] = [];
  const runner = await kafka.runConsumer({
    groupId: uniqueName('it.scores.reader'),
    topics: [topic],
    fromBeginning: true,
    handleRecord: async (record) => {
      scores.push(await serde.decode(record.value ?? Buffer.alloc(0)));
    },
  });
  try {
    await waitUntil(
      `scores on ${topic}`,
      () => (enough(scores) ? true : undefined),
      timeoutMs,
    );
  } catch (error) {
    // Tells a scorer that wrote nothing from a reader that stopped.
    const [starts, ends] = await Promise.all([
      kafka.fetchStartOffsets(topic),
      kafka.fetchEndOffsets(topic),
    ]);
    throw new Error(
      `${(error as Error).message}: read ${scores.length} scores; ` +
        `the topic holds offsets ${JSON.stringify([...starts])} to ` +
        JSON.stringify([...ends]),
      { cause: error },
    );
  } finally {
    await runner.stop();
  }
  return scores;
}

/** Events that can be scored: those of leads whose lead_created came
 * first (the simulator always writes it first). */
export function scorable(events: readonly LeadEvent[]): LeadEvent[] {
  const created = new Set<string>();
  return events.filter((e) => {
    if (e.type === 'lead_created') created.add(e.lead_id);
    return created.has(e.lead_id);
  });
}
