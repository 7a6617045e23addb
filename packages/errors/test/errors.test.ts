import t from 'tap';
import {
  errorCodes,
  isLeadscoreError,
  isRetriable,
  LeadscoreError,
  retryWithBackoff,
} from '../src/index';

t.test(
  'LeadscoreError carries code, retriable flag, cause and frozen context',
  async (t) => {
    const cause = new Error('socket hang up');
    const error = new LeadscoreError(
      'kafka_produce_failed',
      'not acknowledged',
      {
        retriable: true,
        cause,
        context: { topic: 'leads.events.v1', partition: 2 },
      },
    );
    t.equal(error.code, 'kafka_produce_failed');
    t.equal(error.retriable, true);
    t.equal(error.cause, cause);
    t.same(error.context, { topic: 'leads.events.v1', partition: 2 });
    t.ok(Object.isFrozen(error.context));
    t.ok(isLeadscoreError(error, 'kafka_produce_failed'));
    t.notOk(isLeadscoreError(error, 'config_invalid'));
    t.same(error.toJSON().cause, { name: 'Error', message: 'socket hang up' });
  },
);

t.test('errors are not retriable unless they say so', async (t) => {
  t.equal(new LeadscoreError('config_invalid', 'x').retriable, false);
  t.equal(isRetriable(new Error('plain')), false);
  t.equal(
    isRetriable(Object.assign(new Error('kafkajs'), { retriable: true })),
    true,
  );
});

t.test('every code has a description', async (t) => {
  for (const [code, description] of Object.entries(errorCodes)) {
    t.match(description, /\w{3,}/, code);
  }
});

t.test(
  'retryWithBackoff retries retriable failures with growing jittered delays',
  async (t) => {
    let nowMs = 0;
    const delays: number[] = [];
    let calls = 0;
    const result = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4)
          throw new LeadscoreError('kafka_connect_failed', 'down', {
            retriable: true,
          });
        return 'ok';
      },
      {
        deadlineMs: 10_000,
        initialDelayMs: 100,
        maxDelayMs: 1_000,
        random: () => 0.999,
        now: () => nowMs,
        sleep: async (ms) => {
          delays.push(ms);
          nowMs += ms;
        },
      },
    );
    t.equal(result, 'ok');
    t.equal(calls, 4);
    t.same(delays, [199, 399, 799]);
  },
);

t.test('retryWithBackoff stops at once on a non-retriable error', async (t) => {
  let calls = 0;
  await t.rejects(
    retryWithBackoff(
      async () => {
        calls++;
        throw new LeadscoreError('config_invalid', 'bad');
      },
      { deadlineMs: 10_000, sleep: async () => undefined },
    ),
    { code: 'config_invalid' },
  );
  t.equal(calls, 1);
});

t.test('retryWithBackoff gives up at the deadline', async (t) => {
  let nowMs = 0;
  let calls = 0;
  await t.rejects(
    retryWithBackoff(
      async () => {
        calls++;
        throw new LeadscoreError('kafka_connect_failed', 'down', {
          retriable: true,
        });
      },
      {
        deadlineMs: 1_000,
        random: () => 0.5,
        now: () => nowMs,
        sleep: async (ms) => {
          nowMs += Math.max(ms, 1);
        },
      },
    ),
    { code: 'kafka_connect_failed' },
  );
  t.ok(nowMs >= 1_000, 'waited until the deadline');
  t.ok(calls > 1 && calls < 100, `tried ${calls} times`);
});
