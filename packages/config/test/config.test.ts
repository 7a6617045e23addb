import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  commonSchema,
  defineSchema,
  envNameOf,
  loadConfig,
} from '../src/index';

const schema = defineSchema({
  ...commonSchema,
  'scorer.maxBatchRows': {
    type: 'int',
    default: 256,
    min: 1,
    max: 4096,
    doc: 'rows per inference call',
  },
  'scorer.providers': {
    type: 'list',
    default: ['cpu'],
    doc: 'execution providers',
  },
  'scorer.coalesce': {
    type: 'bool',
    default: false,
    doc: 'score once per lead per batch',
  },
  'scorer.modelDir': { type: 'string', doc: 'model store folder' },
});

const required = { LEADSCORE_SCORER_MODEL_DIR: '/models' };

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    return (error as { context: { problems: string[] } }).context.problems;
  }
  throw new Error('expected a config error');
}

t.test('env names follow the dotted camelCase keys', async (t) => {
  t.equal(envNameOf('kafka.clientId'), 'LEADSCORE_KAFKA_CLIENT_ID');
  t.equal(
    envNameOf('otel.exporterOtlpEndpoint'),
    'LEADSCORE_OTEL_EXPORTER_OTLP_ENDPOINT',
  );
});

t.test(
  'defaults apply, the environment overrides, and the result is frozen',
  async (t) => {
    const config = loadConfig(schema, {
      env: {
        ...required,
        LEADSCORE_KAFKA_BROKERS: 'a:1, b:2',
        LEADSCORE_SCORER_COALESCE: 'true',
        PATH: '/bin',
      },
    });
    t.same(config['kafka.brokers'], ['a:1', 'b:2']);
    t.equal(config['scorer.coalesce'], true);
    t.equal(config['scorer.maxBatchRows'], 256);
    t.equal(config['log.level'], 'info');
    t.equal(config['otel.exporterOtlpEndpoint'], undefined);
    t.ok(Object.isFrozen(config));
    t.ok(Object.isFrozen(config['kafka.brokers']));
    t.throws(() => {
      (config as Record<string, unknown>)['log.level'] = 'debug';
    });
  },
);

t.test(
  'a file supplies settings, nested or dotted, and the environment wins',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        scorer: { maxBatchRows: 64, modelDir: '/m' },
        'log.level': 'warn',
      }),
    );
    const config = loadConfig(schema, {
      env: { LEADSCORE_CONFIG_FILE: file, LEADSCORE_LOG_LEVEL: 'error' },
    });
    t.equal(config['scorer.maxBatchRows'], 64);
    t.equal(config['scorer.modelDir'], '/m');
    t.equal(config['log.level'], 'error');
  },
);

t.test('unknown keys are rejected with the nearest known one', async (t) => {
  const problems = problemsOf(() =>
    loadConfig(schema, { env: { ...required, LEADSCORE_KAFKA_BROKER: 'x:1' } }),
  );
  t.equal(problems.length, 1);
  t.match(
    problems[0],
    /LEADSCORE_KAFKA_BROKER from environment is not a known setting; did you mean LEADSCORE_KAFKA_BROKERS\?/,
  );
});

t.test(
  'keys of other components sharing the environment are ignored',
  async (t) => {
    const config = loadConfig(schema, {
      env: { ...required, LEADSCORE_ROUTER_SALT: 's' },
      otherKnownKeys: ['router.salt'],
    });
    t.equal(config['scorer.modelDir'], '/models');
  },
);

t.test(
  'every problem is reported at once, naming key, source and allowed values',
  async (t) => {
    const problems = problemsOf(() =>
      loadConfig(schema, {
        env: {
          LEADSCORE_LOG_LEVEL: 'loud',
          LEADSCORE_SCORER_MAX_BATCH_ROWS: '0',
          LEADSCORE_SCORER_COALESCE: 'maybe',
          LEADSCORE_CLICKHOUSE_URL: 'ftp://x',
        },
      }),
    );
    t.equal(problems.length, 5);
    t.match(
      problems.join('\n'),
      /log\.level from environment LEADSCORE_LOG_LEVEL is "loud"; allowed: debug, info, warn, error, silent/,
    );
    t.match(
      problems.join('\n'),
      /scorer\.maxBatchRows .* allowed: an integer from 1 to 4096/,
    );
    t.match(
      problems.join('\n'),
      /scorer\.coalesce .* allowed: true, false, 1 or 0/,
    );
    t.match(
      problems.join('\n'),
      /clickhouse\.url .* allowed: an http:\/\/ or https:\/\/ URL/,
    );
    t.match(
      problems.join('\n'),
      /scorer\.modelDir \(LEADSCORE_SCORER_MODEL_DIR\) is required/,
    );
  },
);

t.test('secret values are never echoed in errors', async (t) => {
  const problems = problemsOf(() =>
    loadConfig(
      defineSchema({
        'db.password': { type: 'int', secret: true, doc: 'not really an int' },
      }),
      { env: { LEADSCORE_DB_PASSWORD: 'hunter2' } },
    ),
  );
  t.notMatch(problems.join(), 'hunter2');
  t.match(problems.join(), /\(secret\)/);
});

t.test('an unreadable file is reported with its path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-config-'));
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{ not json');
  t.throws(() => loadConfig(schema, { env: { LEADSCORE_CONFIG_FILE: file } }), {
    code: 'config_file_unreadable',
    message: new RegExp(file),
  });
});
