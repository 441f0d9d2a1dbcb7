export {
  decodeLatin1,
  HETREC_REFERENCE,
  hetrecSideInformation,
  loadHetrec,
  parseHetrec,
  parseTsv,
  type HetrecDataset,
  type HetrecFiles,
} from "./hetrec";
export { coverage, meanRows, METRIC_KEYS, novelty, rankingMetrics, type MetricRow, type UserMetrics } from "./metrics";
export { evaluateFold, foldOfRow, makeFold, type EvaluateOptions, type Fold, type FoldResult, type RowData } from "./protocol";
export { generateSyntheticHetrec, type SyntheticHetrecFiles, type SyntheticHetrecOptions } from "./synthetic-hetrec";
export { EVALUATED_SCORER, servedModelForFold, type ServedFoldModel } from "./served";
