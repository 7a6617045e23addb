export {
  createShutdown,
  type Shutdown,
  type ShutdownHook,
  type ShutdownOptions,
} from './shutdown';
