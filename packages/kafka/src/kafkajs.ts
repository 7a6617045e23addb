// kafkajs is CommonJS; Node's ESM loader cannot see its named exports, so
// its runtime values are taken from the default export once, here.
import kafkajs from 'kafkajs';

export const {
  Kafka,
  ConfigResourceTypes,
  CompressionTypes,
  Partitioners,
  logLevel,
} = kafkajs;
