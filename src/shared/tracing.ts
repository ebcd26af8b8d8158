import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * Spans through the OpenTelemetry API only: without a tracer provider (tracing not
 * configured, see tracing-sdk.ts) every span is a no-op that costs next to nothing.
 * Attributes name channels, decisions, integrations and outcomes, never what people wrote
 * or who they are.
 */
export function inSpan<T>(name: string, attributes: Attributes, run: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer('frontdoor').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds to the span of the work under way (a turn's classifier decision, say), when there is one. */
export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
