import type { Logger } from '@leadscore/logging';
import type { logCreator, logLevel as LogLevelEnum } from 'kafkajs';
import { logLevel } from './kafkajs';

/**
 * Routes kafkajs's own log lines into our JSON logger. kafkajs logs errors
 * of routine retries (a coordinator still loading) at ERROR; they are kept
 * at warn here, since a failure that matters surfaces as a thrown error.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child('kafkajs');
  return () =>
    ({ level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      const safe = pickIds(fields);
      // Retries are bounded on purpose (a caller sees the failure and
      // retries; repeats are dropped by id downstream), which kafkajs
      // warns about for every idempotent producer.
      if (String(message).startsWith('Limiting retries for the idempotent')) {
        return;
      }
      if (level === logLevel.ERROR || level === logLevel.WARN) {
        kafkaLogger.warn(String(message), safe);
      } else if (level === logLevel.INFO) {
        kafkaLogger.debug(String(message), safe);
      }
    };
}

/** Only ids and error text leave kafkajs's log entries: never record
 * contents. */
function pickIds(fields: Record<string, unknown>): Record<string, unknown> {
  const keep = [
    'broker',
    'clientId',
    'groupId',
    'topic',
    'partition',
    'error',
    'retryCount',
    'retryTime',
  ];
  const out: Record<string, unknown> = {};
  for (const name of keep) {
    if (fields[name] !== undefined) out[name] = fields[name];
  }
  return out;
}

export function kafkaLogLevel(logger: Logger): LogLevelEnum {
  return logger.isLevelEnabled('debug') ? logLevel.INFO : logLevel.WARN;
}
