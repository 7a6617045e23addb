export { stackSchema, type StackSchema } from './config';
export {
  startStack,
  stopStack,
  stackStatus,
  type ComponentStatus,
  type RunningStack,
  type StackConfig,
} from './stack';
export { repoRoot, stackPaths } from './paths';
export { assertPortFree, waitFor } from './processes';
export {
  registryAnswers,
  registryUrl,
  startSchemaRegistry,
  type RegistrySettings,
} from './schema-registry';
