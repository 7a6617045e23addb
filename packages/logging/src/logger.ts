export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const levelRank: Record<LogLevel, number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

export type LogFields = Record<string, unknown>;

export interface LogSink {
  write(line: string): unknown;
}

export interface Logger {
  readonly level: LogLevel;
  isLevelEnabled(level: Exclude<LogLevel, 'silent'>): boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger for one component; its fields are added to every line. */
  child(component: string, fields?: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  sink?: LogSink;
  now?: () => Date;
  /** Fields on every line, e.g. the service name. */
  base?: LogFields;
}

/**
 * A structured JSON logger: one line per record with a fixed message and an
 * object of ids. Field values go through `sanitizeFields`, which drops
 * payloads and secrets, so a careless call cannot leak them.
 */
export function createLogger(options: LoggerOptions): Logger {
  const sink = options.sink ?? process.stderr;
  const now = options.now ?? (() => new Date());
  return build(options.level, sink, now, options.base ?? {});
}

function build(
  level: LogLevel,
  sink: LogSink,
  now: () => Date,
  base: LogFields,
): Logger {
  const threshold = levelRank[level];

  const emit = (at: LogLevel, message: string, fields?: LogFields) => {
    if (levelRank[at] < threshold) return;
    const record = {
      time: now().toISOString(),
      level: at,
      msg: message,
      ...sanitizeFields(base),
      ...(fields ? sanitizeFields(fields) : {}),
    };
    sink.write(JSON.stringify(record, jsonReplacer) + '\n');
  };

  return {
    level,
    isLevelEnabled: (at) => levelRank[at] >= threshold,
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (component, fields) => {
      const parent = base['component'];
      const name =
        typeof parent === 'string' ? `${parent}.${component}` : component;
      return build(level, sink, now, { ...base, ...fields, component: name });
    },
  };
}

/** Words that mark a field as a message payload or something that can hold
 * a credential. A field is redacted when the last word of its name (split
 * at underscores and camelCase humps) is one of these: `dbPassword`,
 * `record_value` and `text` are, `context` and `valueCount` are not. */
const redactedWords = new Set([
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'credential',
  'credentials',
  'payload',
  'value',
  'values',
  'body',
  'text',
  'headers',
]);

function isRedactedName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-.]+/);
  const last = words[words.length - 1] ?? '';
  return redactedWords.has(last) || redactedWords.has(name.toLowerCase());
}

export const REDACTED = '[redacted]';

export function sanitizeFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = isRedactedName(name) ? REDACTED : value;
  }
  return out;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) {
    const withJson = value as Error & { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return withJson.toJSON();
    return { name: value.name, message: value.message };
  }
  // JSON.stringify calls Buffer's toJSON before the replacer sees it.
  if (isSerializedBuffer(value)) return `[${value.data.length} bytes]`;
  return value;
}

function isSerializedBuffer(value: unknown): value is { data: unknown[] } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { type?: unknown; data?: unknown };
  return candidate.type === 'Buffer' && Array.isArray(candidate.data);
}
