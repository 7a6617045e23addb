export {
  createLogger,
  logLevels,
  sanitizeFields,
  REDACTED,
  type LogFields,
  type LogLevel,
  type LogSink,
  type Logger,
  type LoggerOptions,
} from './logger';
