/**
 * The artist model as a compact binary artifact (lib/reco/pretrained/*.bin), so the app can ship a
 * pretrained model without the data it came from and load it in milliseconds.
 *
 * Layout: "ETAM" · u32 header length · UTF-8 JSON header · zero padding to 8 · body. The header
 * holds the configuration, sizes, fold-in scalars, meta (source, version, trainedAt) and the byte
 * range of every body section. Item factors are int8 with one float32 scale per artist (max |h| /
 * 127): the scores move by well under the rank gaps that matter (measured in `npm run
 * reco:pretrain`). Tag weights are uint8 with a per-row scale. Strings (artist keys,
 * names, the tag vocabulary) are NUL-separated UTF-8. Numbers are little-endian.
 */
import { assembleArtistModel, type ArtistModel, type ArtistModelConfig } from "./artist-model";
import { IalsModel, type IalsFoldIn } from "./ials";
import type { Csr } from "./sparse";

/** What an artifact says about its artists and where it came from. */
export interface ArtistModelMeta {
  /** Normalised artist names (`normaliseName`), one per artist index: how the app finds an artist. */
  keys: string[];
  /** Display names, one per artist index. */
  names: string[];
  /** Each artist's most applied listener tags, lowercase, most applied first, at most 5. */
  tags: string[][];
  /** The data the model was trained on (name, version, licence note). */
  source: string;
  /** Artifact version (e.g. "hetrec-lastfm-2k/1") and ISO time of training. */
  version: string;
  trainedAt: string;
}

const MAGIC = "ETAM";
const FORMAT = 1;

interface Header {
  format: number;
  items: number;
  factors: number;
  tagCols: number;
  config: ArtistModelConfig;
  foldIn: Omit<IalsFoldIn, "gram">;
  meta: Pick<ArtistModelMeta, "source" | "version" | "trainedAt">;
  sections: Record<string, [offset: number, length: number]>;
}

class Writer {
  readonly chunks: Uint8Array[] = [];
  readonly sections: Record<string, [number, number]> = {};
  private size = 0;
  add(name: string, view: ArrayBufferView): void {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const pad = (8 - (this.size % 8)) % 8;
    if (pad) this.push(new Uint8Array(pad));
    this.sections[name] = [this.size, bytes.length];
    this.push(bytes);
  }
  private push(bytes: Uint8Array) {
    this.chunks.push(bytes);
    this.size += bytes.length;
  }
}

/** Row-wise uint8 (non-negative weights) or int8 (signed) quantisation with one scale per row. */
function quantizeRows(indptr: ArrayLike<number>, rows: number, data: ArrayLike<number>, signed: boolean) {
  const scale = new Float32Array(rows);
  const q = signed ? new Int8Array(data.length) : new Uint8Array(data.length);
  const top = signed ? 127 : 255;
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let p = indptr[r]!; p < indptr[r + 1]!; p++) max = Math.max(max, Math.abs(data[p]!));
    const s = max / top;
    scale[r] = s;
    if (s > 0) for (let p = indptr[r]!; p < indptr[r + 1]!; p++) q[p] = Math.round(data[p]! / s);
  }
  return { scale, q };
}

function dequantizeRows(indptr: Int32Array, rows: number, q: Uint8Array, scale: Float32Array, out: Float32Array) {
  for (let r = 0; r < rows; r++) {
    const s = scale[r]!;
    for (let p = indptr[r]!; p < indptr[r + 1]!; p++) out[p] = q[p]! * s;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const joinStrings = (values: readonly string[]) => encoder.encode(values.join("\u0000"));
const splitStrings = (bytes: Uint8Array, count: number) => (count === 0 ? [] : decoder.decode(bytes).split("\u0000"));

export function encodeArtistModel(model: ArtistModel, meta: ArtistModelMeta): Uint8Array {
  const n = model.items;
  const d = model.ials.factors;
  if (meta.keys.length !== n || meta.names.length !== n || meta.tags.length !== n)
    throw new Error(`encodeArtistModel: meta must list ${n} keys, names and tag lists`);
  const fold = model.ials.foldInParams;
  if (!fold) throw new Error("encodeArtistModel: the model has no fold-in parameters");
  const w = new Writer();
  const rowStarts = Int32Array.from({ length: n + 1 }, (_, i) => i * d);
  const factors = quantizeRows(rowStarts, n, model.ials.itemFactors, true);
  w.add("factorScale", factors.scale);
  w.add("factors", factors.q);
  w.add("gram", fold.gram);
  const addSparse = (name: string, m: Csr) => {
    const qm = quantizeRows(m.indptr, m.rows, m.data, false);
    w.add(`${name}.indptr`, Uint32Array.from(m.indptr));
    w.add(`${name}.indices`, m.cols <= 0x10000 ? Uint16Array.from(m.indices) : Uint32Array.from(m.indices));
    w.add(`${name}.scale`, qm.scale);
    w.add(`${name}.values`, qm.q);
  };
  if (model.tags) addSparse("tags", model.tags);
  w.add("listeners", model.listeners);
  w.add("keys", joinStrings(meta.keys));
  w.add("names", joinStrings(meta.names));
  const vocabulary = new Map<string, number>();
  const tagStarts = new Uint32Array(n + 1);
  const tagIndices: number[] = [];
  meta.tags.forEach((list, i) => {
    for (const tag of list.slice(0, 5)) {
      let t = vocabulary.get(tag);
      if (t === undefined) vocabulary.set(tag, (t = vocabulary.size));
      tagIndices.push(t);
    }
    tagStarts[i + 1] = tagIndices.length;
  });
  w.add("tagVocabulary", joinStrings([...vocabulary.keys()]));
  w.add("artistTags.indptr", tagStarts);
  w.add("artistTags.indices", Uint32Array.from(tagIndices));
  const { gram: _gram, ...foldIn } = fold;
  void _gram;
  const header: Header = {
    format: FORMAT,
    items: n,
    factors: d,
    tagCols: model.tags?.cols ?? 0,
    config: model.config,
    foldIn,
    meta: { source: meta.source, version: meta.version, trainedAt: meta.trainedAt },
    sections: w.sections,
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const start = 8 + headerBytes.length + ((8 - ((8 + headerBytes.length) % 8)) % 8);
  const bodySize = Object.values(w.sections).reduce((end, [offset, length]) => Math.max(end, offset + length), 0);
  const out = new Uint8Array(start + bodySize);
  out.set(encoder.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let at = start;
  for (const chunk of w.chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export function decodeArtistModel(input: Uint8Array): { model: ArtistModel; meta: ArtistModelMeta } {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("decodeArtistModel: needs a little-endian platform");
  if (input.length < 8 || decoder.decode(input.subarray(0, 4)) !== MAGIC)
    throw new Error("decodeArtistModel: not an artist model (bad magic)");
  // One aligned copy, so every section can be viewed in place.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as Header;
  if (header.format !== FORMAT) throw new Error(`decodeArtistModel: format ${header.format}, this build reads ${FORMAT}`);
  const start = bytes.byteOffset + 8 + headerLength + ((8 - ((8 + headerLength) % 8)) % 8);
  const section = <T>(name: string, make: (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number): T => {
    const range = header.sections[name];
    if (!range) throw new Error(`decodeArtistModel: missing section ${name}`);
    if (start + range[0] + range[1] > bytes.byteOffset + bytes.length) throw new Error(`decodeArtistModel: truncated at ${name}`);
    return make(bytes.buffer, start + range[0], range[1] / size);
  };
  const u8 = (name: string) => section(name, (b, o, l) => new Uint8Array(b, o, l), 1);
  const i8 = (name: string) => section(name, (b, o, l) => new Int8Array(b, o, l), 1);
  const u16or32 = (name: string, wide: boolean) =>
    wide ? section(name, (b, o, l) => new Uint32Array(b, o, l), 4) : section(name, (b, o, l) => new Uint16Array(b, o, l), 2);
  const u32 = (name: string) => section(name, (b, o, l) => new Uint32Array(b, o, l), 4);
  const f32 = (name: string) => section(name, (b, o, l) => new Float32Array(b, o, l), 4);
  const f64 = (name: string) => section(name, (b, o, l) => new Float64Array(b, o, l), 8);

  const { items: n, factors: d } = header;
  const itemFactors = new Float64Array(n * d);
  const q = i8("factors");
  const factorScale = f32("factorScale");
  for (let i = 0, o = 0; i < n; i++) {
    const scale = factorScale[i]!;
    for (const end = o + d; o < end; o++) itemFactors[o] = q[o]! * scale;
  }
  const ials = new IalsModel(`ials(d=${d}, pretrained)`, 0, n, d, new Float64Array(0), itemFactors);
  ials.foldInParams = { ...header.foldIn, gram: Float64Array.from(f64("gram")) };
  const sparse = (name: string, cols: number): Csr | undefined => {
    if (!header.sections[`${name}.indptr`]) return undefined;
    const indptr = Int32Array.from(u32(`${name}.indptr`));
    const data = new Float32Array(indptr[n]!);
    dequantizeRows(indptr, n, u8(`${name}.values`), f32(`${name}.scale`), data);
    return { rows: n, cols, indptr, indices: Int32Array.from(u16or32(`${name}.indices`, cols > 0x10000)), data };
  };
  // Artifacts written before the popularity part (no "listeners" section) decode without it.
  const listeners = header.sections.listeners ? Float32Array.from(f32("listeners")) : new Float32Array(n);
  const config: ArtistModelConfig = { ...header.config, popularity: header.config.popularity ?? { weight: 0 } };
  const model = assembleArtistModel(config, ials, sparse("tags", header.tagCols), listeners);
  const vocabulary = splitStrings(u8("tagVocabulary"), 1);
  const tagStarts = u32("artistTags.indptr");
  const tagIndices = u32("artistTags.indices");
  const tags: string[][] = new Array<string[]>(n);
  for (let i = 0; i < n; i++) {
    const list: string[] = [];
    for (let p = tagStarts[i]!; p < tagStarts[i + 1]!; p++) list.push(vocabulary[tagIndices[p]!]!);
    tags[i] = list;
  }
  const meta: ArtistModelMeta = {
    ...header.meta,
    keys: splitStrings(u8("keys"), n),
    names: splitStrings(u8("names"), n),
    tags,
  };
  return { model, meta };
}
