import t from 'tap';
import { createLogger, REDACTED } from '../src/index';

function capture() {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => lines.push(line) } };
}

const fixedNow = () => new Date('2026-01-02T03:04:05.000Z');

t.test(
  'writes one JSON object per line with a fixed message and ids',
  async (t) => {
    const { lines, sink } = capture();
    const logger = createLogger({
      level: 'info',
      sink,
      now: fixedNow,
      base: { service: 'scorer' },
    });
    logger.info('record handled', {
      topic: 'leads.events.v1',
      partition: 1,
      offset: '42',
    });
    t.equal(lines.length, 1);
    t.ok(lines[0]?.endsWith('\n'));
    t.same(JSON.parse(lines[0] ?? ''), {
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      msg: 'record handled',
      service: 'scorer',
      topic: 'leads.events.v1',
      partition: 1,
      offset: '42',
    });
  },
);

t.test(
  'drops records below the level and reports enabled levels',
  async (t) => {
    const { lines, sink } = capture();
    const logger = createLogger({ level: 'warn', sink });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    t.same(
      lines.map((l) => JSON.parse(l).level),
      ['warn', 'error'],
    );
    t.equal(logger.isLevelEnabled('info'), false);
    t.equal(logger.isLevelEnabled('error'), true);
    const silent = createLogger({ level: 'silent', sink });
    silent.error('nothing');
    t.equal(lines.length, 2);
  },
);

t.test('child loggers name their component, nested with dots', async (t) => {
  const { lines, sink } = capture();
  const logger = createLogger({ level: 'info', sink });
  logger.child('kafka').child('consumer', { groupId: 'g1' }).info('joined');
  const record = JSON.parse(lines[0] ?? '');
  t.equal(record.component, 'kafka.consumer');
  t.equal(record.groupId, 'g1');
});

t.test(
  'never writes payloads or secrets, whatever the caller passes',
  async (t) => {
    const { lines, sink } = capture();
    const logger = createLogger({ level: 'debug', sink });
    const secret = 'hunter2-s3cr3t';
    const payload = 'customer asked about the EV price';
    logger.info('careless call', {
      password: secret,
      dbPassword: secret,
      api_token: secret,
      value: payload,
      text: payload,
      record_value: payload,
      headers: { authorization: secret },
      context: 'kept',
      valueCount: 3,
    });
    const line = lines[0] ?? '';
    t.notMatch(line, secret);
    t.notMatch(line, payload);
    const record = JSON.parse(line);
    t.equal(record.password, REDACTED);
    t.equal(record.dbPassword, REDACTED);
    t.equal(record.record_value, REDACTED);
    t.equal(record.context, 'kept');
    t.equal(record.valueCount, 3);
  },
);

t.test(
  'errors and buffers are logged as descriptions, not contents',
  async (t) => {
    const { lines, sink } = capture();
    const logger = createLogger({ level: 'info', sink });
    logger.error('failed', {
      error: new Error('boom'),
      bytes: Buffer.from('private bytes'),
    });
    const record = JSON.parse(lines[0] ?? '');
    t.same(record.error, { name: 'Error', message: 'boom' });
    t.equal(record.bytes, '[13 bytes]');
  },
);
