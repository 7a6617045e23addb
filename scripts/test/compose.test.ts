import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse } from 'yaml';
import {
  commonSchema,
  envNameOf,
  loadConfig,
  type ConfigSchema,
} from '@leadscore/config';
import { repoRoot } from '@leadscore/stack';
import { abRouterSchema } from '@leadscore/ab-router/config';
import { ingestorSchema } from '@leadscore/ingestor/config';
import { labelJoinerSchema } from '@leadscore/label-joiner/config';
import { scorerSchema } from '@leadscore/scorer/config';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
}

const root = repoRoot();
const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};

/** Which configuration schema each entry point reads. */
const schemaOfEntry: Record<string, ConfigSchema> = {
  'scripts/migrate.ts': commonSchema,
  'services/ingestor/src/main.ts': { ...commonSchema, ...ingestorSchema },
  'services/scorer/src/main.ts': { ...commonSchema, ...scorerSchema },
  'services/ab-router/src/main.ts': { ...commonSchema, ...abRouterSchema },
  'services/label-joiner/src/main.ts': {
    ...commonSchema,
    ...labelJoinerSchema,
  },
};

const ours = Object.entries(compose.services).filter(
  ([, s]) => s.build !== undefined,
);

t.test(
  'compose runs every service of the repository from its own image',
  async (t) => {
    t.same(ours.map(([name]) => name).sort(), [
      'ab-router',
      'ingestor',
      'label-joiner',
      'migrate',
      'scorer',
    ]);
    for (const [name, service] of ours) {
      const entry = service.command?.find((part) => part.endsWith('.ts'));
      t.ok(
        entry && schemaOfEntry[entry],
        `${name} runs a known entry point (${entry})`,
      );
    }
  },
);

t.test(
  'every environment key of our services is one their schema accepts',
  async (t) => {
    for (const [name, service] of ours) {
      const entry = service.command?.find((part) => part.endsWith('.ts')) ?? '';
      const schema = schemaOfEntry[entry] ?? {};
      const accepted = new Set(Object.keys(schema).map(envNameOf));
      const keys = Object.keys(service.environment ?? {});
      t.ok(keys.length > 0, `${name} sets its configuration`);
      for (const key of keys)
        t.ok(accepted.has(key), `${name}: ${key} is a known setting`);
    }
  },
);

t.test(
  'the literal values there pass the same validation the services run at start',
  async (t) => {
    for (const [name, service] of ours) {
      const entry = service.command?.find((part) => part.endsWith('.ts')) ?? '';
      // Interpolated values (secrets) are supplied at deploy time; the rest
      // must be valid as written.
      const literal = Object.fromEntries(
        Object.entries(service.environment ?? {}).filter(
          ([, v]) => !String(v).includes('${'),
        ),
      );
      t.doesNotThrow(
        () => loadConfig(schemaOfEntry[entry] ?? {}, { env: literal }),
        name,
      );
    }
  },
);

t.test(
  'services point at the cluster, registry and ClickHouse defined beside them',
  async (t) => {
    for (const [name, service] of ours) {
      const env = service.environment ?? {};
      const brokers = String(env['LEADSCORE_KAFKA_BROKERS']).split(',');
      for (const broker of brokers) {
        t.ok(
          compose.services[broker.split(':')[0] ?? ''],
          `${name}: broker ${broker} is a compose service`,
        );
      }
      const hosts = [
        'LEADSCORE_SCHEMA_REGISTRY_URL',
        'LEADSCORE_CLICKHOUSE_URL',
      ]
        .map((key) => env[key])
        .filter((url): url is string => url !== undefined)
        .map((url) => new URL(url).hostname);
      for (const host of hosts)
        t.ok(compose.services[host], `${name}: ${host} is a compose service`);
    }
  },
);

t.test('the infrastructure uses the official images', async (t) => {
  t.match(compose.services['kafka-1']?.image, /^apache\/kafka:4\./);
  t.match(
    compose.services['schema-registry']?.image,
    /^confluentinc\/cp-schema-registry:/,
  );
  t.match(
    compose.services['clickhouse']?.image,
    /^clickhouse\/clickhouse-server:/,
  );
});
