import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Tracing while the app runs: `stop` exports what is left and unregisters the tracer. */
export interface Tracing {
  stop(): Promise<void>;
}

/**
 * Starts exporting spans over OTLP/HTTP (JSON) to `endpoint`/v1/traces, or does nothing
 * without an endpoint (the code's spans stay no-ops). The only place the SDK is set up;
 * called by the composition root alone.
 */
export function startTracing(options: { endpoint: string | undefined; serviceName: string }): Tracing {
  if (!options.endpoint) return { stop: async () => undefined };
  const exporter = new OTLPTraceExporter({ url: new URL('v1/traces', options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`).toString() });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return {
    async stop() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
