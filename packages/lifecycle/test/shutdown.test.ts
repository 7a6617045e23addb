import t from 'tap';
import { createLogger } from '@leadscore/logging';
import { createShutdown } from '../src/index';

const logger = createLogger({ level: 'silent' });

t.test('runs hooks in reverse order of registration and exits 0', async (t) => {
  const order: string[] = [];
  const exits: number[] = [];
  const shutdown = createShutdown({
    deadlineMs: 1_000,
    logger,
    exit: (c) => exits.push(c),
  });
  shutdown.onShutdown('producer', () => {
    order.push('producer');
  });
  shutdown.onShutdown('consumer', async () => {
    order.push('consumer');
  });
  t.equal(await shutdown.shutdown('SIGTERM'), 0);
  t.same(order, ['consumer', 'producer']);
  t.same(exits, [0]);
});

t.test('is safe to call twice: hooks run once', async (t) => {
  let runs = 0;
  const exits: number[] = [];
  const shutdown = createShutdown({
    deadlineMs: 1_000,
    logger,
    exit: (c) => exits.push(c),
  });
  shutdown.onShutdown('count', () => {
    runs++;
  });
  const first = shutdown.shutdown('SIGINT');
  const second = shutdown.shutdown('SIGTERM');
  t.equal(first, second);
  await first;
  await shutdown.shutdown('again');
  t.equal(runs, 1);
  t.same(exits, [1 - 1]);
  t.equal(shutdown.started, true);
});

t.test(
  'a failing hook does not stop the others; the exit code says so',
  async (t) => {
    const ran: string[] = [];
    const exits: number[] = [];
    const shutdown = createShutdown({
      deadlineMs: 1_000,
      logger,
      exit: (c) => exits.push(c),
    });
    shutdown.onShutdown('last', () => {
      ran.push('last');
    });
    shutdown.onShutdown('broken', () => {
      throw new Error('flush failed');
    });
    t.equal(await shutdown.shutdown('SIGTERM'), 1);
    t.same(ran, ['last']);
    t.same(exits, [1]);
  },
);

t.test('exits 1 when hooks run past the deadline', async (t) => {
  const exits: number[] = [];
  const shutdown = createShutdown({
    deadlineMs: 50,
    logger,
    exit: (c) => exits.push(c),
  });
  let release: () => void = () => undefined;
  shutdown.onShutdown('stuck', () => new Promise<void>((r) => (release = r)));
  t.equal(await shutdown.shutdown('SIGTERM'), 1);
  t.same(exits, [1]);
  release();
});
