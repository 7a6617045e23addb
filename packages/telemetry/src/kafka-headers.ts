import {
  context,
  propagation,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Kafka record headers as the client library gives them: values are bytes
 * or strings, possibly repeated. */
export type RecordHeaders = Record<
  string,
  Buffer | string | (Buffer | string)[] | undefined
>;

const setter: TextMapSetter<RecordHeaders> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<RecordHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    // W3C trace context allows one traceparent; on repeats take the first.
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** Writes the active trace context (`traceparent`, `tracestate`) into a
 * record's headers, so the consumer's span joins the producer's trace. */
export function injectTraceContext(
  headers: RecordHeaders,
  from: Context = context.active(),
): RecordHeaders {
  propagation.inject(from, headers, setter);
  return headers;
}

/** The trace context a producer left in a record's headers, as a parent
 * for the consumer's span; the active context when there is none. */
export function extractTraceContext(
  headers: RecordHeaders | undefined,
): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, getter);
}
