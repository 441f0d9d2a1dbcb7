/** The client-safe part of reco: Discover's URL state, query options, contexts and result types. */
export { CONTEXTS, type ContextKind } from "./context";
export { DEFAULT_NOVELTY, discoverSearch, readDiscoverParams, recoApiQuery, recoKeys, recommendationsQuery, type DiscoverParams } from "./discover-params";
export type { Recommendation, RecoSource } from "./engine";
export type { RecoResponse } from "./server";
