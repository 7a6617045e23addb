export {
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
} from './telemetry';
export {
  extractTraceContext,
  injectTraceContext,
  type RecordHeaders,
} from './kafka-headers';
