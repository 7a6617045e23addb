import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  registryUrl,
  stackPaths,
  startSchemaRegistry,
  type RegistrySettings,
} from '@leadscore/stack';
import {
  testConfig,
  testLogger,
  uniqueName,
  waitUntil,
} from '@leadscore/testkit';
import { call, freePort, leadSchema, path } from './helpers';

const config = testConfig();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Everything a client can read back about these subjects. */
async function snapshot(url: string, subjects: string[]) {
  const out: Record<string, unknown> = {
    subjects: await call(url, 'GET', '/subjects?deleted=true'),
    global: await call(url, 'GET', '/config'),
  };
  for (const subject of subjects) {
    const versions = (
      await call(url, 'GET', `${path(subject)}/versions?deleted=true`)
    ).body as number[];
    out[subject] = {
      versions,
      config: await call(url, 'GET', `/config/${subject}`),
      each: await Promise.all(
        versions.map((v) =>
          call(url, 'GET', `${path(subject)}/versions/${v}?deleted=true`),
        ),
      ),
    };
  }
  return out;
}

t.test(
  'after SIGKILL and a lost state folder, a restart serves the same ids and versions',
  async (t) => {
    const state = mkdtempSync(join(tmpdir(), 'leadscore-registry-'));
    const paths = stackPaths(state);
    const port = await freePort();
    const url = registryUrl(port);
    const topic = uniqueName('_schemas_it');
    const settings: RegistrySettings = {
      port,
      brokers: config['kafka.brokers'].join(','),
      startTimeoutMs: 60_000,
      config: { ...config, 'schemaRegistry.topic': topic },
    };
    const logger = testLogger();
    let pid = (await startSchemaRegistry(paths, settings, logger)).pid;
    t.teardown(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(state, { recursive: true, force: true });
    });

    const a = `${uniqueName('it.durable.a')}-value`;
    const b = `${uniqueName('it.durable.b')}-value`;
    const ids: number[] = [];
    for (const [subject, fields] of [
      [a, [{ name: 'x', type: 'string' }]],
      [
        a,
        [
          { name: 'x', type: 'string' },
          { name: 'y', type: 'int', default: 0 },
        ],
      ],
      [b, [{ name: 'x', type: 'string' }]],
      [b, [{ name: 'z', type: ['null', 'long'], default: null }]],
    ] as const) {
      const answer = await call(url, 'POST', `${path(subject)}/versions`, {
        schema: leadSchema([...fields]),
      });
      ids.push((answer.body as { id: number }).id);
    }
    t.equal(ids[2], ids[0], 'the same schema under b reused its id');
    await call(url, 'DELETE', `${path(b)}/versions/1`);
    await call(url, 'PUT', `/config/${a}`, { compatibility: 'FULL' });
    await call(url, 'PUT', '/config', { compatibility: 'FORWARD' });
    const before = await snapshot(url, [a, b]);

    process.kill(pid, 'SIGKILL');
    await waitUntil('the registry to be gone', () =>
      isAlive(pid) ? undefined : true,
    );
    rmSync(paths.registryState, { recursive: true, force: true });
    t.notOk(existsSync(paths.registryState), 'no local state is left');

    const restartedAt = performance.now();
    pid = (await startSchemaRegistry(paths, settings, logger)).pid;
    const restartMs = Math.round(performance.now() - restartedAt);
    t.comment(`registry ready ${restartMs} ms after the restart began`);

    t.same(
      await snapshot(url, [a, b]),
      before,
      'same subjects, versions, ids, levels',
    );
    const again = await call(url, 'POST', `${path(a)}/versions`, {
      schema: leadSchema([{ name: 'x', type: 'string' }]),
    });
    t.same(again.body, { id: ids[0] }, 'an old schema keeps its id');
    const fresh = await call(url, 'POST', `${path(b)}/versions`, {
      schema: leadSchema([
        { name: 'z', type: ['null', 'long'], default: null },
        { name: 'w', type: ['null', 'int'], default: null },
      ]),
    });
    t.same(
      fresh.body,
      { id: Math.max(...ids) + 1 },
      'a new schema gets the next id: none is handed out twice',
    );

    process.kill(pid, 'SIGTERM');
    await waitUntil('the registry to stop on SIGTERM', () =>
      isAlive(pid) ? undefined : true,
    );
  },
);
