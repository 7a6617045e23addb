export {
  defineSchema,
  envNameOf,
  ENV_PREFIX,
  type ConfigOf,
  type ConfigSchema,
  type Setting,
} from './schema';
export { commonSchema, type CommonSchema } from './common-schema';
export {
  loadConfig,
  settingsEnvFor,
  CONFIG_FILE_ENV,
  type LoadOptions,
} from './load';
