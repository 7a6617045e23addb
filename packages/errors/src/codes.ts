/**
 * Every error code the platform raises, listed once. A code is stable: logs,
 * metrics and tests match on it, so rename only with a migration note.
 */
export const errorCodes = {
  config_invalid: 'configuration failed validation',
  config_file_unreadable: 'the configuration file could not be read or parsed',
  port_in_use: 'a port the stack needs is taken by another process',
  stack_start_failed: 'a stack component did not become healthy in time',
  stack_install_failed: 'a stack dependency could not be installed',
  kafka_connect_failed: 'could not reach the Kafka cluster',
  kafka_produce_failed: 'the broker did not acknowledge records',
  kafka_admin_failed: 'a Kafka admin request failed',
  kafka_consume_failed: 'a consumer handler or the group runner failed',
  clickhouse_query_failed: 'ClickHouse rejected or failed a query',
  clickhouse_insert_failed: 'ClickHouse rejected or failed an insert',
  clickhouse_buffer_full: 'the batch inserter is at its row bound',
  migration_failed: 'a ClickHouse migration could not be applied',
  sql_literal_invalid: 'a value cannot be written as a SQL literal',
  shutdown_deadline_exceeded: 'shutdown hooks ran past their deadline',
  not_implemented: 'the component is not built yet',
  schema_invalid:
    'a schema is not valid Avro or not of a type the registry takes (42201)',
  schema_incompatible:
    "a schema breaks its subject's compatibility level (409)",
  schema_registry_not_found:
    'a subject, version or schema id does not exist or is deleted (404xx)',
  schema_registry_bad_request:
    'a registry request is malformed: body, version or level (400, 422xx)',
  schema_registry_store_failed:
    'the registry could not write to or read back its topic in time (500xx)',
  schema_registration_failed: 'a schema could not be registered or fetched',
  event_invalid: 'an event failed validation',
  model_invalid: 'a model folder or release does not meet the contract',
  request_invalid: 'an HTTP request was malformed or over a limit',
  experiment_config_invalid:
    'an experiment definition of the A/B router failed validation',
  model_manifest_invalid:
    'a model manifest is missing or lacks what the router needs',
  score_record_invalid: 'a leads.scores.v1 record could not be read',
} as const;

export type ErrorCode = keyof typeof errorCodes;
