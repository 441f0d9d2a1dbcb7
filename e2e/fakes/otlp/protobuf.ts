/**
 * Decodes OTLP/HTTP trace exports (`ExportTraceServiceRequest`, opentelemetry-proto's
 * trace/v1/trace.proto and common/v1/common.proto) from the protobuf wire format @vercel/otel sends
 * by default, or from OTLP's JSON encoding. Only what tests look at: ids, names, attributes, times.
 */
export type AttributeValue = string | number | boolean | null | AttributeValue[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, AttributeValue>;
  /** The exporting service (`service.name` of its resource). */
  service: string | null;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
}

/** The wire format's fields of one message: field number to its raw values, in order. */
type Fields = Map<number, Array<bigint | Uint8Array>>;

function readVarint(bytes: Uint8Array, at: { offset: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.offset >= bytes.length) throw new Error("protobuf: truncated varint");
    const byte = bytes[at.offset++] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

function readFixed(bytes: Uint8Array, at: { offset: number }, size: 4 | 8): bigint {
  if (at.offset + size > bytes.length) throw new Error("protobuf: truncated fixed field");
  const view = new DataView(bytes.buffer, bytes.byteOffset + at.offset, size);
  at.offset += size;
  return size === 8 ? view.getBigUint64(0, true) : BigInt(view.getUint32(0, true));
}

function fieldsOf(bytes: Uint8Array): Fields {
  const fields: Fields = new Map();
  const at = { offset: 0 };
  while (at.offset < bytes.length) {
    const tag = Number(readVarint(bytes, at));
    const number = tag >>> 3;
    let value: bigint | Uint8Array;
    switch (tag & 7) {
      case 0:
        value = readVarint(bytes, at);
        break;
      case 1:
        value = readFixed(bytes, at, 8);
        break;
      case 2: {
        const length = Number(readVarint(bytes, at));
        if (at.offset + length > bytes.length) throw new Error("protobuf: truncated bytes");
        value = bytes.subarray(at.offset, at.offset + length);
        at.offset += length;
        break;
      }
      case 5:
        value = readFixed(bytes, at, 4);
        break;
      default:
        throw new Error(`protobuf: unsupported wire type ${tag & 7}`);
    }
    const list = fields.get(number) ?? [];
    list.push(value);
    fields.set(number, list);
  }
  return fields;
}

const bytesOf = (fields: Fields, number: number): Uint8Array[] => (fields.get(number) ?? []).filter((value) => value instanceof Uint8Array);
const firstBytes = (fields: Fields, number: number) => bytesOf(fields, number)[0] ?? new Uint8Array();
const text = (fields: Fields, number: number) => new TextDecoder().decode(firstBytes(fields, number));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
function numberOf(fields: Fields, number: number): bigint {
  const value = fields.get(number)?.[0];
  return typeof value === "bigint" ? value : 0n;
}

function anyValue(fields: Fields): AttributeValue {
  if (fields.has(1)) return text(fields, 1);
  if (fields.has(2)) return numberOf(fields, 2) !== 0n;
  if (fields.has(3)) return Number(BigInt.asIntN(64, numberOf(fields, 3)));
  if (fields.has(4)) {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, numberOf(fields, 4), true);
    return view.getFloat64(0, true);
  }
  if (fields.has(5)) return bytesOf(fieldsOf(firstBytes(fields, 5)), 1).map((value) => anyValue(fieldsOf(value)));
  return null;
}

function attributesOf(list: Uint8Array[]): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const raw of list) {
    const pair = fieldsOf(raw);
    attributes[text(pair, 1)] = anyValue(fieldsOf(firstBytes(pair, 2)));
  }
  return attributes;
}

/** ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; } in protobuf. */
export function decodeTraceRequest(body: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of bytesOf(fieldsOf(body), 1)) {
    const resourceFields = fieldsOf(resourceSpans);
    const resource = attributesOf(bytesOf(fieldsOf(firstBytes(resourceFields, 1)), 1));
    const service = typeof resource["service.name"] === "string" ? resource["service.name"] : null;
    for (const scopeSpans of bytesOf(resourceFields, 2)) {
      for (const raw of bytesOf(fieldsOf(scopeSpans), 2)) {
        const span = fieldsOf(raw);
        spans.push({
          traceId: hex(firstBytes(span, 1)),
          spanId: hex(firstBytes(span, 2)),
          parentSpanId: hex(firstBytes(span, 4)),
          name: text(span, 5),
          kind: Number(numberOf(span, 6)),
          startNs: numberOf(span, 7),
          endNs: numberOf(span, 8),
          attributes: attributesOf(bytesOf(span, 9)),
          service,
          statusCode: Number(numberOf(fieldsOf(firstBytes(span, 15)), 3)),
        });
      }
    }
  }
  return spans;
}

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
}
interface JsonKeyValue {
  key: string;
  value?: JsonAnyValue;
}

function jsonValue(value: JsonAnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(jsonValue);
  return null;
}

const jsonAttributes = (list: JsonKeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map((pair) => [pair.key, jsonValue(pair.value)]));

/** The same request in OTLP's JSON encoding (ids as hex strings). */
export function decodeTraceJson(body: unknown): ReceivedSpan[] {
  const request = body as {
    resourceSpans?: Array<{
      resource?: { attributes?: JsonKeyValue[] };
      scopeSpans?: Array<{
        spans?: Array<{
          traceId: string;
          spanId: string;
          parentSpanId?: string;
          name: string;
          kind?: number;
          startTimeUnixNano?: string | number;
          endTimeUnixNano?: string | number;
          attributes?: JsonKeyValue[];
          status?: { code?: number };
        }>;
      }>;
    }>;
  };
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = jsonAttributes(resourceSpans.resource?.attributes);
    const service = typeof resource["service.name"] === "string" ? resource["service.name"] : null;
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? "",
        name: span.name,
        kind: span.kind ?? 0,
        startNs: BigInt(span.startTimeUnixNano ?? 0),
        endNs: BigInt(span.endTimeUnixNano ?? 0),
        attributes: jsonAttributes(span.attributes),
        service,
        statusCode: span.status?.code ?? 0,
      })),
    );
  });
}
