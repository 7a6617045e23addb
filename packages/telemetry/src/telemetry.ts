import { metrics, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (`http://collector:4318`); unset exports nothing. */
  otlpEndpoint?: string | undefined;
  metricIntervalMs?: number;
  /** Extra exporters and readers, e.g. in-memory ones in tests. */
  spanExporters?: SpanExporter[];
  metricReaders?: MetricReader[];
}

export interface Telemetry {
  /** Flushes pending spans and metrics; safe to call twice. */
  shutdown(): Promise<void>;
  /** Pushes what is buffered now, without stopping. */
  flush(): Promise<void>;
}

/**
 * Wires the OpenTelemetry SDK once per process: a tracer provider with W3C
 * trace-context propagation (always, so trace ids cross Kafka hops even
 * when nothing is exported) and a meter provider for the metrics API. Spans
 * and metrics leave the process only through the exporters configured here.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  const resource = resourceFromAttributes({
    'service.name': options.serviceName,
  });
  const spanProcessors: SpanProcessor[] = [];
  const metricReaders: MetricReader[] = [...(options.metricReaders ?? [])];

  if (options.otlpEndpoint) {
    const base = options.otlpEndpoint.replace(/\/+$/, '');
    spanProcessors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${base}/v1/traces` }),
      ),
    );
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
        exportIntervalMillis: options.metricIntervalMs ?? 10_000,
      }),
    );
  }
  for (const exporter of options.spanExporters ?? []) {
    spanProcessors.push(new SimpleSpanProcessor(exporter));
  }

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  tracerProvider.register({ propagator: new W3CTraceContextPropagator() });
  const meterProvider = new MeterProvider({ resource, readers: metricReaders });
  metrics.setGlobalMeterProvider(meterProvider);

  let stopping: Promise<void> | undefined;
  return {
    flush: async () => {
      await Promise.all([
        tracerProvider.forceFlush(),
        meterProvider.forceFlush(),
      ]);
    },
    shutdown: () => {
      stopping ??= (async () => {
        await Promise.all([
          tracerProvider.shutdown(),
          meterProvider.shutdown(),
        ]);
        trace.disable();
        metrics.disable();
        propagation.disable();
      })();
      return stopping;
    },
  };
}
