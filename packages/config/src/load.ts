import { readFileSync } from 'node:fs';
import { LeadscoreError } from '@leadscore/errors';
import {
  ENV_PREFIX,
  envNameOf,
  type ConfigOf,
  type ConfigSchema,
  type Setting,
} from './schema';

/** The environment variable that names an optional JSON config file. */
export const CONFIG_FILE_ENV = `${ENV_PREFIX}CONFIG_FILE`;

export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** A JSON file of settings; nested objects are flattened to dotted keys.
   * Defaults to the file named by LEADSCORE_CONFIG_FILE, if any. */
  filePath?: string;
  /** Keys that belong to other components sharing this environment (the
   * embedded stack runs several services with one); they are ignored rather
   * than rejected as unknown. */
  otherKnownKeys?: Iterable<string>;
}

type Source = { where: string; raw: unknown };

/**
 * Reads settings from defaults, then the optional file, then the
 * environment (later wins), validates every one and returns a frozen
 * object. All problems are reported together, each naming the key, where
 * the value came from and what is allowed.
 */
export function loadConfig<S extends ConfigSchema>(
  schema: S,
  options: LoadOptions = {},
): ConfigOf<S> {
  const env = options.env ?? process.env;
  const filePath = options.filePath ?? env[CONFIG_FILE_ENV];
  const known = new Set([
    ...Object.keys(schema),
    ...(options.otherKnownKeys ?? []),
  ]);
  const envToKey = new Map([...known].map((key) => [envNameOf(key), key]));
  const problems: string[] = [];
  const sources = new Map<string, Source>();

  if (filePath) {
    for (const [key, raw] of Object.entries(readConfigFile(filePath))) {
      if (!known.has(key)) {
        problems.push(unknownKeyProblem(key, `file ${filePath}`, known));
      } else if (key in schema) {
        sources.set(key, { where: `file ${filePath}`, raw });
      }
    }
  }

  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || name === CONFIG_FILE_ENV) continue;
    const key = envToKey.get(name);
    if (key === undefined) {
      const names = new Set([...envToKey.keys()]);
      problems.push(unknownKeyProblem(name, 'environment', names));
    } else if (key in schema) {
      sources.set(key, { where: `environment ${name}`, raw });
    }
  }

  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(schema)) {
    const source = sources.get(key);
    const result = source
      ? parseSetting(key, setting, source)
      : defaultOf(key, setting);
    if (typeof result === 'string') problems.push(result);
    else out[key] = result.value;
  }

  if (problems.length > 0) {
    throw new LeadscoreError(
      'config_invalid',
      `invalid configuration:\n  - ${problems.join('\n  - ')}`,
      { context: { problems } },
    );
  }
  return deepFreeze(out) as ConfigOf<S>;
}

function readConfigFile(filePath: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (cause) {
    throw new LeadscoreError(
      'config_file_unreadable',
      `config file ${filePath} could not be read as JSON: ${String(cause)}`,
      { cause, context: { filePath } },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LeadscoreError(
      'config_file_unreadable',
      `config file ${filePath} must hold a JSON object of settings`,
      { context: { filePath } },
    );
  }
  return flatten(parsed as Record<string, unknown>, '');
}

function flatten(
  object: Record<string, unknown>,
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    const key = prefix ? `${prefix}.${name}` : name;
    const nested =
      typeof value === 'object' && value !== null && !Array.isArray(value);
    Object.assign(
      out,
      nested
        ? flatten(value as Record<string, unknown>, key)
        : { [key]: value },
    );
  }
  return out;
}

function defaultOf(key: string, setting: Setting): { value: unknown } | string {
  if (setting.default !== undefined) return { value: setting.default };
  if (setting.optional) return { value: undefined };
  return `${key} (${envNameOf(key)}) is required: ${setting.doc}`;
}

function parseSetting(
  key: string,
  setting: Setting,
  { where, raw }: Source,
): { value: unknown } | string {
  const shown = setting.secret ? '(secret)' : JSON.stringify(raw);
  const bad = (allowed: string) =>
    `${key} from ${where} is ${shown}; allowed: ${allowed}`;
  const text = typeof raw === 'string' ? raw.trim() : undefined;

  switch (setting.type) {
    case 'string':
      return typeof raw === 'string' ? { value: raw } : bad('a string');
    case 'url': {
      if (text === undefined || !isHttpUrl(text)) {
        return bad('an http:// or https:// URL');
      }
      return { value: text.replace(/\/+$/, '') };
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : text ? Number(text) : NaN;
      const min = setting.min ?? Number.MIN_SAFE_INTEGER;
      const max = setting.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        return bad(`an integer from ${min} to ${max}`);
      }
      return { value: n };
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { value: raw };
      if (text === 'true' || text === '1') return { value: true };
      if (text === 'false' || text === '0') return { value: false };
      return bad('true, false, 1 or 0');
    }
    case 'list': {
      const items = Array.isArray(raw)
        ? raw
        : text !== undefined
          ? text.split(',').map((item) => item.trim())
          : undefined;
      if (
        !items ||
        items.length === 0 ||
        items.some((i) => typeof i !== 'string' || i === '')
      ) {
        return bad('a non-empty comma-separated list');
      }
      return { value: items };
    }
    case 'enum':
      return text !== undefined && setting.values.includes(text)
        ? { value: text }
        : bad(setting.values.join(', '));
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function unknownKeyProblem(
  name: string,
  where: string,
  allowed: Set<string>,
): string {
  const nearest = closest(name, allowed);
  const hint = nearest ? `; did you mean ${nearest}?` : '';
  return `${name} from ${where} is not a known setting${hint}`;
}

function closest(name: string, candidates: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution =
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min(
          (previous[j] ?? 0) + 1,
          (current[j - 1] ?? 0) + 1,
          substitution,
        ),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The environment a component of `schema` should see: its own
 * LEADSCORE_* variables and every non-LEADSCORE variable. For processes
 * that share one environment with other components (tests, the embedded
 * stack launching services), since each rejects keys it does not know. */
export function settingsEnvFor(
  schema: ConfigSchema,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const own = new Set(Object.keys(schema).map(envNameOf));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (
      !name.startsWith(ENV_PREFIX) ||
      name === CONFIG_FILE_ENV ||
      own.has(name)
    )
      out[name] = value;
  }
  return out;
}
