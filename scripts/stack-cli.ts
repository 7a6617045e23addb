/**
 * `npm run stack -- up|down|status [--test]`: starts, stops or checks the
 * embedded stack without the services (`--test` acts on the test stack's
 * folder and ports).
 */
import { isLeadscoreError } from '@leadscore/errors';
import { createLogger } from '@leadscore/logging';
import { startStack, stackStatus, stopStack } from '@leadscore/stack';
import { loadEmbeddedConfig, testStackEnv } from './embedded-config';

const usage = 'usage: npm run stack -- up|down|status [--test]';

async function main(args: string[]): Promise<number> {
  const command = args.find((a) => !a.startsWith('--'));
  const env = args.includes('--test')
    ? { ...process.env, ...testStackEnv }
    : process.env;
  const config = loadEmbeddedConfig({ env });
  const logger = createLogger({ level: config['log.level'] });

  switch (command) {
    case 'up': {
      const running = await startStack(
        config,
        config['clickhouse.database'],
        logger,
      );
      console.log(
        JSON.stringify({
          kafka: running.kafkaBrokers,
          clickhouse: running.clickhouseUrl,
          timingsMs: running.timingsMs,
        }),
      );
      return 0;
    }
    case 'down':
      console.log(
        `stopped: ${(await stopStack(config, logger)).join(', ') || 'nothing was running'}`,
      );
      return 0;
    case 'status': {
      const statuses = await stackStatus(config);
      for (const s of statuses) {
        console.log(
          `${s.name} ${s.endpoint} pid=${s.pid ?? '-'} ${s.healthy ? 'healthy' : 'down'}`,
        );
      }
      return statuses.every((s) => s.healthy) ? 0 : 3;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = isLeadscoreError(error)
      ? `${error.code}: ${error.message}`
      : String(error);
    console.error(`stack: ${text}`);
    process.exit(1);
  },
);
