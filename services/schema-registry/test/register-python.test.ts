import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { testConfig } from '@leadscore/testkit';
import { call, path, uniqueSubject } from './helpers';

const script = fileURLToPath(
  new URL('./python/register_and_fetch.py', import.meta.url),
);
const registry = testConfig()['schemaRegistry.url'];

interface PythonView {
  registered: [number, number];
  by_id: { schema: unknown; type: string };
  latest: { id: number; version: number; subject: string; schema: unknown };
  lookup: { id: number; version: number };
  versions: number[];
  subjects_has_it: boolean;
  refused: { http_status: number; error_code: number; message: string } | null;
}

t.test(
  "Confluent's Python client registers and fetches schemas through our registry",
  async (t) => {
    const subject = uniqueSubject('it.python');
    const run = spawnSync('python3', [script, registry, subject], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    t.equal(run.status, 0, `python exited 0; stderr: ${run.stderr}`);
    const seen = JSON.parse(run.stdout) as PythonView;

    const latest = (
      await call(registry, 'GET', `${path(subject)}/versions/latest`)
    ).body as { id: number; version: number; schema: string };
    const first = (await call(registry, 'GET', `${path(subject)}/versions/1`))
      .body as { id: number };
    t.same(seen.registered, [first.id, latest.id], 'ids as our API reports');
    t.same(seen.latest, {
      id: latest.id,
      version: 2,
      subject,
      schema: JSON.parse(latest.schema),
    });
    t.same(seen.by_id, { schema: JSON.parse(latest.schema), type: 'AVRO' });
    t.same(seen.lookup, { id: first.id, version: 1 });
    t.same(seen.versions, [1, 2]);
    t.ok(seen.subjects_has_it, 'the subject is listed');
    t.match(seen.refused, {
      http_status: 409,
      error_code: 409,
      message: /incompatible.*BACKWARD_TRANSITIVE/,
    });
  },
);
