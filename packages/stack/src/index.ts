export { stackSchema, type StackSchema } from './config';
export { startStack, type RunningStack } from './stack';
export { stopStack, stackStatus, type ComponentStatus } from './status';
export type { StackConfig } from './settings';
export { repoRoot, stackPaths } from './paths';
export { assertPortFree, waitFor } from './processes';
export {
  registryAnswers,
  registryUrl,
  startSchemaRegistry,
  type RegistrySettings,
} from './schema-registry';
