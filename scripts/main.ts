/**
 * The platform's main job on the embedded default: brings the stack up,
 * prints where each part listens and whether it is healthy, and runs until
 * Ctrl-C (SIGINT) or SIGTERM, then stops everything it started.
 */
import { isLeadscoreError } from '@leadscore/errors';
import { createShutdown } from '@leadscore/lifecycle';
import { createLogger } from '@leadscore/logging';
import { startStack, stackStatus, stopStack } from '@leadscore/stack';
import { runDemo } from './demo/run-demo';
import { loadEmbeddedConfig } from './embedded-config';

async function main(): Promise<void> {
  // A closed terminal or pipe must not kill the job half-way through
  // stopping the stack: output is best effort, the shutdown is not.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const config = loadEmbeddedConfig();
  const logger = createLogger({
    level: config['log.level'],
    base: { service: config['service.name'] },
  });
  const shutdown = createShutdown({
    deadlineMs: config['shutdown.deadlineMs'] + 30_000,
    logger,
  });
  shutdown.installSignalHandlers();
  process.on('SIGHUP', () => void shutdown.shutdown('SIGHUP'));
  shutdown.onShutdown('stack', async () => {
    const stopped = await stopStack(config, logger);
    print(
      `stopped ${stopped.join(', ') || 'nothing'}; state kept in ${config['stack.dir']}`,
    );
  });

  print(
    'starting the embedded stack (first run installs ClickHouse and the Kafka jars)...',
  );
  const running = await startStack(
    config,
    config['clickhouse.database'],
    logger,
  ).catch(async (error: unknown) => {
    // What did start (the broker, when the registry failed) is stopped
    // again: a failed start leaves nothing running.
    await stopStack(config, logger);
    throw error;
  });
  const statuses = await stackStatus(config);

  print('');
  for (const status of statuses) {
    const health = status.healthy ? 'healthy' : 'NOT HEALTHY';
    print(
      `  ${status.name.padEnd(15)} ${status.endpoint.padEnd(24)} pid ${status.pid ?? '-'}  ${health}`,
    );
  }
  const { applied, alreadyApplied } = running.migrations;
  print(
    `  migrations      ${applied.length} applied, ${alreadyApplied.length} already there (database ${config['clickhouse.database']})`,
  );
  print(
    `  state           ${running.stateDir}${running.adopted ? ' (reused running components)' : ''}`,
  );
  print(`  started in      ${JSON.stringify(running.timingsMs)} ms`);
  print('');
  print('running; press Ctrl-C to stop');
  if (config['demo.enabled']) {
    void runDemo(
      running,
      {
        leads: config['demo.leads'],
        ratePerS: config['demo.ratePerS'],
        ingestorPort: config['demo.ingestorPort'],
        startTimeoutMs: config['stack.startTimeoutMs'],
      },
      shutdown,
      logger,
      print,
    ).catch((error: unknown) => {
      // The stack stays up for inspection; the services that started are
      // stopped by their shutdown hooks on Ctrl-C.
      print(
        `  demo failed: ${isLeadscoreError(error) ? `${error.code}: ${error.message}` : String(error)}`,
      );
    });
  }

  // Waits for a signal; the shutdown hooks stop the stack and exit.
  await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

main().catch((error: unknown) => {
  const text = isLeadscoreError(error)
    ? `${error.code}: ${error.message}`
    : String(error);
  process.stderr.write(`leadscore: ${text}\n`);
  process.exit(1);
});
