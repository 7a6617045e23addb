export {
  runService,
  serviceSchema,
  type ServiceContext,
  type ServiceDefinition,
} from './run-service';
export { createServiceKafkaClient } from './kafka-client';
