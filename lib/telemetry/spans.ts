/**
 * OpenTelemetry spans over `@opentelemetry/api`. Without a registered SDK (no
 * OTEL_EXPORTER_OTLP_ENDPOINT, see instrumentation.ts) its tracer is a no-op, so a span costs a
 * function call; the store and cache wrappers are not even installed then (`tracingEnabled`).
 */
import { context, SpanStatusCode, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";
import type { Telemetry } from "ai";
import { env } from "@/lib/env";

export type { Attributes, Span } from "@opentelemetry/api";

const tracer = () => trace.getTracer("echotune");

/** Whether spans are exported at all in this process. */
export function tracingEnabled(): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : new Error(String(error)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `fn` inside a span named `name`, child of the active one; what `fn` starts (store, cache,
 * Spotify calls) nests under it. Attributes name things (collection, endpoint, route), never
 * document contents or personal data.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T | Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * The AI SDK's telemetry as OpenTelemetry spans (ai@7 emits lifecycle events to integrations
 * instead of spans): one span per operation (`ai.streamText`), a child per model call and per tool
 * execution, run in that span's context so a tool's store, cache and Spotify spans nest under it.
 * One integration per call: it keeps that call's open spans.
 */
export function aiSpans(functionId: string): Telemetry {
  const operations = new Map<string, { span: Span; context: Context }>();
  const within = (callId: string) => operations.get(callId)?.context ?? context.active();
  const end = (callId: string, error?: unknown) => {
    const operation = operations.get(callId);
    if (!operation) return;
    if (error !== undefined) failed(operation.span, error);
    operation.span.end();
    operations.delete(callId);
  };
  return {
    onStart(event) {
      if (!("callId" in event) || !("operationId" in event)) return;
      const parent = context.active();
      const span = tracer().startSpan(
        event.operationId,
        { attributes: { "ai.telemetry.functionId": functionId, "ai.model.provider": event.provider, "ai.model.id": event.modelId } },
        parent,
      );
      operations.set(event.callId, { span, context: trace.setSpan(parent, span) });
    },
    executeLanguageModelCall({ callId, execute, modelId, provider }) {
      return context.with(within(callId), () =>
        withSpan(
          "ai.languageModelCall",
          { "ai.model.id": modelId ?? "", "ai.model.provider": provider ?? "" },
          async () => await execute(),
        ),
      );
    },
    executeTool({ callId, toolCallId, toolCall, execute }) {
      const tool = toolCall?.toolName ?? "unknown";
      return context.with(within(callId), () =>
        withSpan(`ai.toolCall ${tool}`, { "ai.toolCall.name": tool, "ai.toolCall.id": toolCallId }, async () => await execute()),
      );
    },
    onEnd(event) {
      if ("callId" in event) end(event.callId);
    },
    onAbort(event) {
      end(event.callId, new Error("aborted"));
    },
    onError(error) {
      for (const callId of [...operations.keys()]) end(callId, error);
    },
  };
}
