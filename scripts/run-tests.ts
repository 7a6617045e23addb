/**
 * `npm test`: type-check, format check, then every test file against a real
 * Kafka broker and ClickHouse server started here (the test stack: its own
 * folder and ports), which is stopped afterwards whatever the tests did.
 * Ends with one line `N passed, N failed`.
 *
 * `npm test -- FILE...` runs only the given test files.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createLogger } from '@leadscore/logging';
import { repoRoot, startStack, stopStack } from '@leadscore/stack';
import { loadEmbeddedConfig, testStackEnv } from './embedded-config';
import { createTapCounter } from './tap-counter';
import { acquireTestLock } from './test-lock';

const root = repoRoot();
const env = { ...process.env, ...testStackEnv };
const testGlobs = [
  'packages/*/test/**/*.test.ts',
  'services/*/test/**/*.test.ts',
  'schemas/*/test/**/*.test.ts',
  'scripts/test/**/*.test.ts',
];

async function main(files: string[]): Promise<number> {
  const startedAt = Date.now();
  const checks = { passed: 0, failed: 0 };
  const check = async (name: string, command: string, args: string[]) => {
    const code = await run(command, args, () => undefined);
    if (code === 0) checks.passed++;
    else checks.failed++;
    log(`${code === 0 ? 'ok' : 'FAILED'}: ${name}`);
  };

  await ensurePythonTestDeps();
  await check('type-check (tsc --noEmit)', 'npx', [
    'tsc',
    '-p',
    'tsconfig.json',
    '--noEmit',
  ]);
  await check('format (prettier --check)', 'npx', [
    'prettier',
    '--check',
    '--log-level',
    'warn',
    '.',
  ]);

  const config = loadEmbeddedConfig({ env });
  const logger = createLogger({ level: 'warn' });
  const releaseLock = await acquireTestLock(`${root}/.stack/test.lock`, log);
  process.once('exit', releaseLock);
  await stopStack(config, logger);
  rmSync(`${root}/${config['stack.dir']}`, { recursive: true, force: true });

  const counter = createTapCounter();
  // An interrupted run (Ctrl-C, CI's time limit) still stops the stack.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the test stack`);
      void stopStack(config, logger).finally(() => process.exit(130));
    });
  }
  try {
    log('starting the test stack...');
    const stack = await startStack(
      config,
      config['clickhouse.database'],
      logger,
    );
    log(
      `test stack up: kafka ${stack.kafkaBrokers.join(',')}, schema registry ${stack.schemaRegistryUrl}, clickhouse ${stack.clickhouseUrl} (${JSON.stringify(stack.timingsMs)} ms)`,
    );

    const targets = files.length > 0 ? files : testGlobs;
    await run('npx', ['tap', '--reporter=tap', ...targets], (line) =>
      counter.line(line),
    );
  } catch (error) {
    counter.counts.failed++;
    counter.counts.failedNames.push(`test stack: ${String(error)}`);
    log(`test stack failed: ${String(error)}`);
  } finally {
    await stopStack(config, logger);
  }

  const passed = checks.passed + counter.counts.passed;
  const failed = checks.failed + counter.counts.failed;
  for (const name of counter.counts.failedNames) log(`failed: ${name}`);
  log(`finished in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  const skipped =
    counter.counts.skipped > 0 ? `, ${counter.counts.skipped} skipped` : '';
  process.stdout.write(`${passed} passed, ${failed} failed${skipped}\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/** Python packages some tests compare against (scikit-learn's metrics,
 * Confluent's own schema registry client and Avro deserializer), installed
 * from requirements-test.txt when missing. */
async function ensurePythonTestDeps(): Promise<void> {
  const imports = [
    'import sklearn',
    'import confluent_kafka.schema_registry.avro',
  ].join('; ');
  const present = await run('python3', ['-c', imports], () => undefined);
  if (present === 0) return;
  log('installing Python test dependencies (requirements-test.txt)');
  await run(
    'python3',
    ['-m', 'pip', 'install', '-q', '-r', 'requirements-test.txt'],
    () => undefined,
  );
}

function run(
  command: string,
  args: string[],
  onLine: (line: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      process.stdout.write(line + '\n');
      onLine(line);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function log(line: string): void {
  process.stdout.write(`# ${line}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stdout.write(
      `# test runner failed: ${String(error)}\n0 passed, 1 failed\n`,
    );
    process.exit(1);
  },
);
