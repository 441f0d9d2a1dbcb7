export { demoCatalogPort, spotifyCatalogPort } from "./catalog";
export { CONTEXT_IDS, CONTEXTS, contextById, type ContextDefinition } from "./context";
export type { Recommendation, RecoSource } from "./engine";
export { activeModel, listModels, rollbackModel, type ModelDocument } from "./models";
export { recommendationsFor, setFeedback, type RecoQuery, type RecoResponse } from "./server";
export { retrainAfterImport, trainAll, RETRAIN_AFTER_ROWS } from "./train";
