import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createKafkaClient } from '@leadscore/kafka';
import { repoRoot } from '@leadscore/stack';
import { testLogger, uniqueName, waitUntil } from '@leadscore/testkit';

const root = repoRoot();

/** Ports of this file's own stack: neither the dev stack's nor the test
 * stack's, so the main job under test never meets them. */
const [
  kafkaPort,
  controllerPort,
  httpPort,
  tcpPort,
  registryPort,
  ingestorPort,
] = await freePorts(6);
const ports = {
  LEADSCORE_STACK_KAFKA_PORT: String(kafkaPort),
  LEADSCORE_STACK_KAFKA_CONTROLLER_PORT: String(controllerPort),
  LEADSCORE_STACK_CLICKHOUSE_HTTP_PORT: String(httpPort),
  LEADSCORE_STACK_CLICKHOUSE_TCP_PORT: String(tcpPort),
  LEADSCORE_SCHEMA_REGISTRY_PORT: String(registryPort),
  LEADSCORE_DEMO_INGESTOR_PORT: String(ingestorPort),
};

/** Ports the OS has just handed out as free: neither the dev stack's nor
 * the test stack's, nor anyone else's on this machine. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<typeof server>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(server)),
      );
    }),
  );
  const found = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(
    servers.map((server) => new Promise((resolve) => server.close(resolve))),
  );
  return found;
}

/** Waits for the job's "running" line; fails at once if it exits first. */
async function waitUntilUp(job: Job, what: string): Promise<void> {
  await waitUntil(
    what,
    () => {
      if (job.stdout().includes('press Ctrl-C')) return true;
      if (job.child.exitCode !== null) {
        throw new Error(
          `the main job exited ${job.child.exitCode}: ${job.stderr()}`,
        );
      }
      return undefined;
    },
    180_000,
  );
}

interface Job {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startMainJob(env: Record<string, string>): Job {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('LEADSCORE_'),
    ),
  );
  const child = spawn('node', ['--import', 'tsx', 'scripts/main.ts'], {
    cwd: root,
    env: {
      ...clean,
      LEADSCORE_LOG_LEVEL: 'warn',
      LEADSCORE_DEMO_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => resolve(code)),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

function processesMentioning(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        // The process ended while we listed /proc.
        return false;
      }
    })
    .map(Number);
}

t.test(
  'bad configuration stops the main job at once, naming the key',
  async (t) => {
    const job = startMainJob({ LEADSCORE_STACK_KAFKA_PORT: 'ninety' });
    t.equal(await job.exited, 1);
    t.match(job.stderr(), /config_invalid/);
    t.match(
      job.stderr(),
      /stack\.kafkaPort from environment LEADSCORE_STACK_KAFKA_PORT is "ninety"; allowed: an integer from 1024 to 65535/,
    );
  },
);

t.test(
  'a port already in use is reported as such, not as a hang',
  async (t) => {
    const blocker = createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(0, '127.0.0.1', resolve),
    );
    t.teardown(
      () => new Promise<void>((resolve) => blocker.close(() => resolve())),
    );
    const port = String((blocker.address() as AddressInfo).port);
    const state = mkdtempSync(join(tmpdir(), 'leadscore-port-'));

    const job = startMainJob({
      ...ports,
      LEADSCORE_STACK_DIR: state,
      LEADSCORE_STACK_CLICKHOUSE_HTTP_PORT: port,
    });
    t.equal(await job.exited, 1);
    t.match(
      job.stderr(),
      new RegExp(
        `port_in_use: port ${port} \\(stack\\.clickhouseHttpPort\\) is already in use`,
      ),
    );
    t.same(processesMentioning(state), [], 'nothing left running');
  },
);

t.test(
  'Ctrl-C leaves no process and no pid file; a second run reuses the state',
  async (t) => {
    const state = mkdtempSync(join(tmpdir(), 'leadscore-main-'));
    const env = { ...ports, LEADSCORE_STACK_DIR: state };
    const topic = uniqueName('it.main.kept');

    const first = startMainJob(env);
    await waitUntilUp(first, 'the first run to be up');
    t.match(
      first.stdout(),
      new RegExp(
        `kafka\\s+127\\.0\\.0\\.1:${kafkaPort}\\s+pid \\d+\\s+healthy`,
      ),
    );
    t.match(
      first.stdout(),
      new RegExp(
        `clickhouse\\s+http://127\\.0\\.0\\.1:${httpPort}\\s+pid \\d+\\s+healthy`,
      ),
    );
    t.match(
      first.stdout(),
      new RegExp(
        `schema-registry\\s+http://127\\.0\\.0\\.1:${registryPort}\\s+pid \\d+\\s+healthy`,
      ),
    );
    const clusterId = readFileSync(
      join(state, 'kafka/data/meta.properties'),
      'utf8',
    ).match(/cluster\.id=(\S+)/)?.[1];
    t.ok(clusterId, 'the broker storage was formatted');

    const kafka = createKafkaClient({
      brokers: [`127.0.0.1:${kafkaPort}`],
      clientId: 'main-job-test',
      logger: testLogger(),
    });
    await kafka.ensureTopics([{ topic, partitions: 1 }]);
    await kafka.close();

    first.child.kill('SIGINT');
    t.equal(await first.exited, 0, 'clean exit');
    t.match(first.stdout(), /stopped schema-registry, kafka, clickhouse/);
    t.notOk(existsSync(join(state, 'kafka/broker.pid')), 'no broker pid file');
    t.notOk(
      existsSync(join(state, 'schema-registry/registry.pid')),
      'no registry pid file',
    );
    t.notOk(
      existsSync(join(state, 'clickhouse/server.pid')),
      'no ClickHouse pid file',
    );
    t.notOk(
      existsSync(join(state, 'clickhouse/data/status')),
      'ClickHouse released its status lock',
    );
    t.same(processesMentioning(state), [], 'no process of this stack is left');

    const second = startMainJob(env);
    await waitUntilUp(second, 'the second run to be up');
    const again = readFileSync(
      join(state, 'kafka/data/meta.properties'),
      'utf8',
    ).match(/cluster\.id=(\S+)/)?.[1];
    t.equal(again, clusterId, 'same cluster: storage reused, not reformatted');
    const check = createKafkaClient({
      brokers: [`127.0.0.1:${kafkaPort}`],
      clientId: 'main-job-test',
      logger: testLogger(),
    });
    const kept = await check.ensureTopics([{ topic, partitions: 1 }]);
    await check.close();
    t.same(
      kept.existing,
      [topic],
      'the topic made in the first run is still there',
    );

    second.child.kill('SIGINT');
    t.equal(await second.exited, 0);
    t.same(processesMentioning(state), []);
  },
);

t.test(
  'with the demo on, the whole path runs: events in, scored leads out, split between arms',
  async (t) => {
    const state = mkdtempSync(join(tmpdir(), 'leadscore-demo-'));
    const job = startMainJob({
      ...ports,
      LEADSCORE_STACK_DIR: state,
      LEADSCORE_DEMO_ENABLED: 'true',
      LEADSCORE_DEMO_LEADS: '600',
      LEADSCORE_DEMO_RATE_PER_S: '0',
    });
    t.teardown(() => void job.child.kill('SIGKILL'));
    const scoredAll =
      /scored leads 600 .*leads per arm: holdout (\d+), hpro (\d+), pointwise (\d+)/;
    await waitUntil(
      'every demo lead scored and routed',
      () => {
        if (job.child.exitCode !== null)
          throw new Error(`the main job exited: ${job.stderr()}`);
        return scoredAll.test(job.stdout()) ? true : undefined;
      },
      240_000,
    ).catch((error: unknown) => {
      t.comment(job.stdout() + job.stderr());
      throw error;
    });
    t.match(
      job.stdout(),
      new RegExp(
        `ingestor +POST http://127\\.0\\.0\\.1:${ingestorPort}/v1/events`,
      ),
    );
    t.match(
      job.stdout(),
      /replay done: sent (\d+), accepted \1, rejected 0, duplicates 0/,
    );
    const [, holdout, hpro, pointwise] =
      scoredAll.exec(job.stdout())?.map(Number) ?? [];
    t.equal(
      (holdout ?? 0) + (hpro ?? 0) + (pointwise ?? 0),
      600,
      'each lead in one arm',
    );
    t.ok(
      (holdout ?? 0) > 20 && (hpro ?? 0) > 200 && (pointwise ?? 0) > 200,
      `arms near 10/45/45: ${holdout}/${hpro}/${pointwise}`,
    );

    job.child.kill('SIGINT');
    t.equal(await job.exited, 0, 'clean exit');
    t.same(processesMentioning(state), [], 'no process of this stack is left');
  },
);
