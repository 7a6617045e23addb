export {
  eventTypes,
  fromAvro,
  payloadBranch,
  toAvro,
  toJsonLine,
  type AttributeValue,
  type Attributes,
  type AvroLeadEvent,
  type EventType,
  type LeadEvent,
} from './lead-event';
export {
  defaultEventLimits,
  validateEvent,
  type EventLimits,
  type FieldProblem,
  type Funnel,
  type ValidationResult,
} from './validate';
export {
  deadLetterTopicConfigs,
  DEFAULT_PARTITIONS,
  eventTimeTopicConfigs,
  headerKeys,
  ingestTopicSpecs,
  topics,
} from './topics';
export { createLeadEventSerde, type LeadEventSerde } from './avro-serde';
export { createRecordSerde, type RecordSerde } from './record-serde';
export { isTransientSerdeError } from './serde-errors';
export {
  createLeadScoreSerde,
  leadScoreProblem,
  type LeadScore,
  type LeadScoreSerde,
} from './lead-score';
export {
  createScoredLeadSerde,
  grades,
  scoredIdOf,
  type Grade,
  type ScoredLead,
  type ScoredLeadSerde,
} from './scored-lead';
export {
  createAssignmentSerde,
  type Assignment,
  type AssignmentSerde,
} from './assignment';
export { routerTopicSpecs, type RouterTopicNames } from './router-topics';
export { createLocalRecordSerde } from './local-serde';
export { deadLetterRecord, type DeadLetterCause } from './dead-letter';
