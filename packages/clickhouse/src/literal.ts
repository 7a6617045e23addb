import { LeadscoreError } from '@leadscore/errors';

/** Values that `sqlLiteral` can write. Dates become `DateTime` literals in
 * UTC, at second precision (18.16 has no DateTime64). */
export type SqlValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | Buffer
  | readonly SqlValue[];

/**
 * Writes a value as a ClickHouse SQL literal. ClickHouse 18.16 has no
 * query parameters, so every value that reaches SQL text goes through
 * here. Strings are single-quoted with backslash escapes for the quote, the
 * backslash and every control character (NUL included), so no input can
 * end the literal early; text outside ASCII passes through as UTF-8.
 */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return numberLiteral(value);
  if (value instanceof Date) return dateLiteral(value);
  if (Buffer.isBuffer(value)) return bytesLiteral(value);
  if (Array.isArray(value)) return `[${value.map(sqlLiteral).join(', ')}]`;
  throw invalid('unsupported value type', typeof value);
}

/** A database, table or column name, back-quoted. */
export function sqlIdentifier(name: string): string {
  if (name.length === 0 || hasLoneSurrogate(name) || name.includes('\0')) {
    throw invalid('identifier must be non-empty UTF-8 without NUL', name);
  }
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}

const escapes: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quoteString(text: string): string {
  if (hasLoneSurrogate(text)) {
    throw invalid('string is not valid UTF-16 (lone surrogate)', undefined);
  }
  const body = text.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    return escapes[c] ?? '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
  });
  return `'${body}'`;
}

function bytesLiteral(bytes: Buffer): string {
  let body = '';
  for (const byte of bytes) body += '\\x' + byte.toString(16).padStart(2, '0');
  return `'${body}'`;
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw invalid('number is not finite', value);
  // `-0` prints as `0`; exponents such as 1e21 are valid ClickHouse floats.
  return Object.is(value, -0) ? '0' : String(value);
}

function dateLiteral(value: Date): string {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw invalid('date is invalid', String(value));
  const text = value.toISOString().slice(0, 19).replace('T', ' ');
  return `toDateTime('${text}', 'UTC')`;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(
    text,
  );
}

function invalid(problem: string, value: unknown): LeadscoreError {
  return new LeadscoreError(
    'sql_literal_invalid',
    `cannot write SQL literal: ${problem}`,
    {
      context: { valueType: typeof value },
    },
  );
}
