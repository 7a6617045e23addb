export {
  createKafkaClient,
  type KafkaClient,
  type KafkaClientOptions,
} from './client';
export type { ConsumerOptions, ConsumerRunner } from './consumer';
export type { ProducerOptions, RecordProducer } from './producer';
export type { TopicTail, TopicTailOptions } from './tail';
export type {
  ClusterInfo,
  ConsumedRecord,
  EnsureTopicsResult,
  OutgoingRecord,
  RecordAck,
  TopicSpec,
} from './types';
