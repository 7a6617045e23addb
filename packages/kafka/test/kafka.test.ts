import t from 'tap';
import { context, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@leadscore/telemetry';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { createKafkaClient, type ConsumedRecord } from '../src/index';
import { requestChunks } from '../src/producer';

// Telemetry starts before the client so its instruments are real ones.
const spans = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(
  AggregationTemporality.CUMULATIVE,
);
const telemetry = startTelemetry({
  serviceName: 'kafka-layer-test',
  spanExporters: [spans],
  metricReaders: [
    new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 3_600_000,
    }),
  ],
});

const config = testConfig();
const client = createKafkaClient({
  brokers: config['kafka.brokers'],
  clientId: uniqueName('kafka-test'),
  logger: testLogger(),
});

t.teardown(async () => {
  await client.close();
  await telemetry.shutdown();
});

t.test('the broker answers a metadata request', async (t) => {
  const cluster = await client.describeCluster();
  t.equal(cluster.brokers.length, 1);
  t.equal(cluster.brokers[0]?.host, '127.0.0.1');
  t.match(cluster.clusterId, /^[\w-]{22}$/);
});

t.test(
  'produces and consumes keys, values, headers and timestamps on a unique topic',
  async (t) => {
    const topic = uniqueName('it.produce');
    await client.ensureTopics([{ topic, partitions: 3 }]);
    const producer = await client.createProducer();
    const sentAt = Date.parse('2025-03-01T08:00:00Z');
    const outgoing = Array.from({ length: 30 }, (_, i) => ({
      topic,
      key: `lead-${i % 7}`,
      value: JSON.stringify({ n: i, note: '试驾 ✓' }),
      headers: { 'leadscore-source': 'test', 'leadscore-seq': String(i) },
      timestampMs: sentAt + i * 1_000,
    }));
    const acks = await producer.send(outgoing);
    t.ok(acks.length >= 1, 'acknowledged');

    const received: ConsumedRecord[] = [];
    const runner = await client.runConsumer({
      groupId: uniqueName('it.group'),
      topics: [topic],
      fromBeginning: true,
      handleRecord: async (record) => {
        received.push(record);
      },
    });
    await waitUntil('all 30 records', () =>
      received.length >= 30 ? true : undefined,
    );
    await runner.stop();

    t.equal(received.length, 30, 'each record once');
    const bySeq = new Map(
      received.map((r) => [String(r.headers['leadscore-seq']), r]),
    );
    for (const sent of outgoing) {
      const got = bySeq.get(sent.headers['leadscore-seq']);
      t.equal(got?.key?.toString(), sent.key);
      t.equal(got?.value?.toString(), sent.value);
      t.equal(got?.headers['leadscore-source']?.toString(), 'test');
      t.equal(got?.timestampMs, sent.timestampMs);
    }
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const r of received) {
      const key = r.key?.toString() ?? '';
      partitionsOfKey.set(
        key,
        (partitionsOfKey.get(key) ?? new Set()).add(r.partition),
      );
    }
    t.ok(
      [...partitionsOfKey.values()].every((p) => p.size === 1),
      'a key stays on one partition',
    );
    const perPartition = new Map<number, bigint[]>();
    for (const r of received)
      perPartition.set(r.partition, [
        ...(perPartition.get(r.partition) ?? []),
        BigInt(r.offset),
      ]);
    for (const offsets of perPartition.values()) {
      t.same(
        offsets,
        [...offsets].sort((a, b) => (a < b ? -1 : 1)),
        'offset order within a partition',
      );
    }
  },
);

t.test(
  'W3C trace context crosses the hop from producer to consumer',
  async (t) => {
    const topic = uniqueName('it.trace');
    await client.ensureTopics([{ topic, partitions: 1 }]);
    const producer = await client.createProducer();
    spans.reset();

    const parent = trace.getTracer('test').startSpan('http request');
    const parentContext = trace.setSpan(context.active(), parent);
    await context.with(parentContext, () =>
      producer.send([{ topic, key: 'L1', value: 'v' }]),
    );
    parent.end();

    let seen: ConsumedRecord | undefined;
    let activeTraceId: string | undefined;
    const runner = await client.runConsumer({
      groupId: uniqueName('it.trace.group'),
      topics: [topic],
      fromBeginning: true,
      handleRecord: async (record) => {
        seen = record;
        activeTraceId = trace.getActiveSpan()?.spanContext().traceId;
      },
    });
    await waitUntil('the record', () => seen);
    await runner.stop();

    const traceId = parent.spanContext().traceId;
    const header = seen?.headers['traceparent']?.toString() ?? '';
    t.match(
      header,
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
      'traceparent header carries the trace',
    );
    t.equal(
      activeTraceId,
      traceId,
      'the handler runs inside a span of the same trace',
    );
    const finished = spans.getFinishedSpans();
    const consumerSpan = finished.find((s) => s.name === `process ${topic}`);
    const producerSpan = finished.find((s) => s.name === `send ${topic}`);
    t.ok(producerSpan && consumerSpan, 'producer and consumer spans recorded');
    t.equal(consumerSpan?.spanContext().traceId, traceId);
    t.equal(
      consumerSpan?.parentSpanContext?.spanId,
      producerSpan?.spanContext().spanId,
      'consumer span is a child of the send',
    );
  },
);

t.test(
  'topic creation twice is harmless, and configs and partitions are brought in line',
  async (t) => {
    const topic = uniqueName('it.compacted');
    const spec = {
      topic,
      partitions: 2,
      configs: { 'cleanup.policy': 'compact' },
    };
    const first = await client.ensureTopics([spec]);
    t.same(first, { created: [topic], existing: [], updated: [] });
    const second = await client.ensureTopics([spec]);
    t.same(second, { created: [], existing: [topic], updated: [] });

    const grown = await client.ensureTopics([
      {
        topic,
        partitions: 4,
        configs: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
      },
    ]);
    t.same(grown.updated, [topic]);
    const third = await client.ensureTopics([
      {
        topic,
        partitions: 4,
        configs: { 'cleanup.policy': 'compact', 'retention.ms': '3600000' },
      },
    ]);
    t.same(third.updated, [], 'nothing left to change');
  },
);

t.test('a handler failure is retried: the record is not skipped', async (t) => {
  const topic = uniqueName('it.retry');
  await client.ensureTopics([{ topic, partitions: 1 }]);
  const producer = await client.createProducer();
  await producer.send([
    { topic, key: 'a', value: '1' },
    { topic, key: 'a', value: '2' },
  ]);
  const attempts: string[] = [];
  const runner = await client.runConsumer({
    groupId: uniqueName('it.retry.group'),
    topics: [topic],
    fromBeginning: true,
    handleRecord: async (record) => {
      const value = record.value?.toString() ?? '';
      attempts.push(value);
      if (value === '1' && attempts.filter((v) => v === '1').length === 1) {
        throw new Error('transient');
      }
    },
  });
  await waitUntil('record 2 handled', () =>
    attempts.includes('2') ? true : undefined,
  );
  await runner.stop();
  t.same(
    attempts.slice(0, 2),
    ['1', '1'],
    'failed record handled again before the next',
  );
  t.equal(attempts.filter((v) => v === '2').length, 1);
});

t.test(
  'the layer records its metrics through the OpenTelemetry API',
  async (t) => {
    await telemetry.flush();
    const names = new Set(
      metricExporter
        .getMetrics()
        .flatMap((r) => r.scopeMetrics)
        .flatMap((s) => s.metrics)
        .map((m) => m.descriptor.name),
    );
    for (const name of [
      'leadscore.kafka.records.out',
      'leadscore.kafka.records.in',
      'leadscore.kafka.batch.size',
      'leadscore.kafka.latency',
      'leadscore.kafka.errors',
    ]) {
      t.ok(names.has(name), name);
    }
  },
);

t.test(
  'one send of several MiB to one partition is acknowledged, in order',
  async (t) => {
    const topic = uniqueName('it.large-send');
    await client.ensureTopics([{ topic, partitions: 1 }]);
    const producer = await client.createProducer();
    // 4,000 records of 1 KiB: four times the broker's message.max.bytes
    // in one partition, what a scorer catching up writes from one fetch.
    const records = Array.from({ length: 4_000 }, (_, i) => ({
      topic,
      key: `lead-${i}`,
      value: Buffer.alloc(1_024, i % 256),
      partition: 0,
    }));
    const acks = await producer.send(records);
    t.ok(acks.length > 1, `went out as ${acks.length} requests`);
    const offsets = acks.map((a) => Number(a.baseOffset));
    t.same(
      offsets,
      [...offsets].sort((a, b) => a - b),
      'requests acknowledged in order',
    );
    t.equal((await client.fetchEndOffsets(topic)).get(0), '4000');
  },
);

t.test('request chunks respect the byte bound and keep order', (t) => {
  const records = Array.from({ length: 10 }, (_, i) => ({
    topic: 't',
    key: String(i),
    value: 'x'.repeat(300),
  }));
  const bound = { maxBytes: 1_000, maxRecords: 100 };
  const chunks = requestChunks(records, bound);
  t.same(
    chunks.flat().map((r) => r.key),
    records.map((r) => r.key),
  );
  t.ok(
    chunks.every((c) => c.length === 2),
    'two records of about 430 bytes a chunk',
  );
  t.same(requestChunks([], bound), []);
  t.equal(
    requestChunks(records.slice(0, 1), { maxBytes: 10, maxRecords: 100 })
      .length,
    1,
    'oversized alone',
  );
  t.same(
    requestChunks(records, { maxBytes: 1e6, maxRecords: 4 }).map(
      (c) => c.length,
    ),
    [4, 4, 2],
    'at most maxRecords a chunk',
  );
  t.end();
});
