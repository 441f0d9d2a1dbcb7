/** What research answers, shared by the capability and its callers. Types only. */

/** A source the answer cites, in the order the answer numbers them ([1], [2], ...). */
export interface ResearchCitation {
  url: string;
  title: string;
}

/**
 * "answered": an answer with its sources; "off": no Perplexity key; "budget": a daily research
 * limit is reached (or cannot be checked); "error": Perplexity failed (the answer says how, for the listener).
 */
export type ResearchStatus = "answered" | "off" | "budget" | "error";

export interface ResearchResult {
  status: ResearchStatus;
  /** The answer, or the sentence the listener sees when there is none. */
  answer: string;
  citations: ResearchCitation[];
  /** Answered from the shared cache (no request, no budget spent). */
  cached: boolean;
  /** `perplexity/<model id>` of the model that answered, or null without an answer. */
  model: string | null;
}

export interface ResearchQuestion {
  userId: string;
  question: string;
  /** The artist, album or scene the question is about, when the caller knows it. */
  subject?: string | undefined;
}
