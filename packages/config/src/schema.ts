/** One configuration setting: its type, default, bounds and what it is for.
 * A setting without a default is required unless marked optional. */
interface Common {
  doc: string;
  /** Never printed back in errors or logs. */
  secret?: boolean;
  optional?: boolean;
}

export type Setting =
  | (Common & { type: 'string'; default?: string })
  | (Common & { type: 'url'; default?: string })
  | (Common & { type: 'int'; default?: number; min?: number; max?: number })
  | (Common & { type: 'bool'; default?: boolean })
  | (Common & { type: 'list'; default?: readonly string[] })
  | (Common & {
      type: 'enum';
      values: readonly string[];
      default?: string;
    });

export type ConfigSchema = Readonly<Record<string, Setting>>;

type ValueOf<S extends Setting> = S extends { type: 'int' }
  ? number
  : S extends { type: 'bool' }
    ? boolean
    : S extends { type: 'list' }
      ? readonly string[]
      : S extends { type: 'enum'; values: readonly (infer V)[] }
        ? V
        : string;

type IsOptional<S extends Setting> = S extends { default: unknown }
  ? false
  : S extends { optional: true }
    ? true
    : false;

/** The validated, frozen configuration a schema describes. */
export type ConfigOf<S extends ConfigSchema> = {
  readonly [K in keyof S]: IsOptional<S[K]> extends true
    ? ValueOf<S[K]> | undefined
    : ValueOf<S[K]>;
};

export const ENV_PREFIX = 'LEADSCORE_';

/** `kafka.clientId` is set by the environment variable
 * `LEADSCORE_KAFKA_CLIENT_ID`. */
export function envNameOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\./g, '_')
    .toUpperCase();
  return ENV_PREFIX + words;
}

/** Settings shared by every service and the embedded stack. */
export function defineSchema<const S extends ConfigSchema>(schema: S): S {
  return schema;
}
