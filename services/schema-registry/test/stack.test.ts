import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { commonSchema, loadConfig } from '@leadscore/config';
import { isLeadscoreError } from '@leadscore/errors';
import { stackSchema, stackStatus, startStack } from '@leadscore/stack';
import { testConfig, testLogger } from '@leadscore/testkit';

t.test(
  'a taken registry port stops the stack before anything starts, naming the setting',
  async (t) => {
    // Connections are dropped at once: a probe of the port must not keep
    // the server (and the teardown that closes it) waiting.
    const blocker = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) =>
      blocker.listen(0, '127.0.0.1', resolve),
    );
    t.teardown(
      () => new Promise<void>((resolve) => blocker.close(() => resolve())),
    );
    const port = (blocker.address() as AddressInfo).port;
    const state = mkdtempSync(join(tmpdir(), 'leadscore-registry-port-'));
    t.teardown(() => rmSync(state, { recursive: true, force: true }));

    const config = loadConfig(
      { ...commonSchema, ...stackSchema },
      {
        env: {
          LEADSCORE_STACK_DIR: state,
          LEADSCORE_SCHEMA_REGISTRY_PORT: String(port),
        },
      },
    );
    const failure = await startStack(config, 'unused', testLogger()).catch(
      (error: unknown) => error,
    );
    t.ok(isLeadscoreError(failure, 'port_in_use'), 'port_in_use');
    t.match((failure as Error).message, `port ${port} (schemaRegistry.port)`);

    const statuses = await stackStatus(config);
    t.same(
      statuses.map((s) => s.pid),
      [undefined, undefined, undefined],
      'no component was started',
    );
  },
);

t.test('the test stack reports its registry healthy', async (t) => {
  const config = testConfig();
  const registry = (await stackStatus(config)).find(
    (s) => s.name === 'schema-registry',
  );
  t.match(registry, {
    endpoint: config['schemaRegistry.url'],
    healthy: true,
  });
  t.type(registry?.pid, 'number');
});
