export { demoCatalogPort, spotifyCatalogPort } from "./catalog";
export { CONTEXT_IDS, CONTEXTS, contextById, parseContexts, type ContextDefinition } from "./context";
export type { Recommendation, RecoSource } from "./engine";
export { activeModel, GATE_TOLERANCE, listModels, trainModel, type ModelDocument, type TrainRun } from "./models";
export { checkDrift, lastDriftReport, modelHistory, rollbackModel, type ModelHistoryEntry } from "./lifecycle";
export { ACCEPTANCE_DROP_THRESHOLD, MAX_MODEL_AGE_DAYS, MIN_OPINIONS, MIX_SHIFT_THRESHOLD, type DriftReport } from "./drift";
export type { ModelAction } from "./model-events";
export { listFeedback, setFeedback, type FeedbackEntry, type ListenerFeedback } from "./feedback";
export { recommendationsFor, type RecoQuery, type RecoResponse } from "./server";
export { trainAll, RETRAIN_AFTER_ROWS } from "./train";
// The engine and the model pieces, for benchmarks and the offline evaluations.
export { NO_FEEDBACK, recommend, type CatalogPort, type CatalogTrack } from "./engine";
export {
  collaborativeFor,
  evaluateHeldOut,
  fuseSignals,
  historyIn,
  listenerArtists,
  matchKey,
  matrixFrom,
  SERVED_SCORER,
  servedModel,
  trainDeploymentModel,
  type ServedModel,
} from "./collaborative";
export { loadPretrained, PRETRAINED_PATH, pretrainedLoadStats, pretrainedModel } from "./pretrained";
export { trackProfile } from "./profile";
export { engineWins, historyCatalog, temporalEvaluation, type History, type TemporalResult } from "./temporal";
// The collaborative-filtering models and the HetRec protocol, for `npm run eval:reco`.
export * from "./cf";
export * from "./eval";
