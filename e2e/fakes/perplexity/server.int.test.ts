/**
 * The fake Perplexity against the real official client (`@perplexity-ai/perplexity_ai`): whatever
 * the fake sends must parse as the client parses Perplexity's Agent API, and the fake must see
 * exactly what the client sends, so tests driving research through it exercise the real client
 * over HTTP.
 */
import Perplexity, { AuthenticationError, InternalServerError, RateLimitError } from "@perplexity-ai/perplexity_ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_MODEL, startFakePerplexity, type FakePerplexity, type LoggedRequest, type Reply } from "./server";

let fake: FakePerplexity;

async function adminCall(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${fake.origin}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `admin ${path}: ${response.status}`).toBe(true);
  return response.json();
}

const script = (...replies: Reply[]) => adminCall("script", { replies });
const requests = async () => (await adminCall("log")) as LoggedRequest[];
const client = (apiKey = "test-key") => new Perplexity({ apiKey, baseURL: fake.url, maxRetries: 0, logLevel: "off" });

beforeAll(async () => {
  fake = await startFakePerplexity({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(() => adminCall("reset", {}));

describe("fake Perplexity with the real official client", () => {
  it("answers responses.create with output_text, citation annotations, search results and usage with cost", async () => {
    await script({
      answer: "Massive Attack formed in Bristol in 1988 [1], growing out of the Wild Bunch [2].",
      citations: [
        { url: "https://en.wikipedia.org/wiki/Massive_Attack", title: "Massive Attack - Wikipedia" },
        { url: "https://www.bbc.co.uk/music/massive-attack", title: "BBC Music" },
      ],
      inputTokens: 120,
      outputTokens: 40,
    });
    const response = await client().responses.create({
      preset: "fast-search",
      input: "Tell me about Massive Attack's history",
      instructions: "Be brief.",
      max_output_tokens: 500,
    });

    // The client's own helper joins the message's output_text parts.
    expect(response.output_text).toBe("Massive Attack formed in Bristol in 1988 [1], growing out of the Wild Bunch [2].");
    expect(response).toMatchObject({ object: "response", status: "completed", model: FAKE_MODEL });
    const message = response.output.find((item) => item.type === "message");
    expect(message?.type === "message" && message.content[0]?.annotations?.map((annotation) => annotation.url)).toEqual([
      "https://en.wikipedia.org/wiki/Massive_Attack",
      "https://www.bbc.co.uk/music/massive-attack",
    ]);
    const search = response.output.find((item) => item.type === "search_results");
    expect(search?.type === "search_results" && search.results.map((result) => result.title)).toEqual([
      "Massive Attack - Wikipedia",
      "BBC Music",
    ]);
    expect(response.usage).toMatchObject({
      input_tokens: 120,
      output_tokens: 40,
      total_tokens: 160,
      tool_calls_details: { web_search: { invocation: 1 } },
      cost: { currency: "USD", input_cost: 0.00012, output_cost: 0.00004, tool_calls_cost: 0.005, total_cost: 0.00516 },
    });

    const [logged] = await requests();
    expect(logged).toMatchObject({
      method: "POST",
      path: "/v1/responses",
      headers: { authorization: "Bearer test-key", "content-type": "application/json" },
      body: { preset: "fast-search", input: "Tell me about Massive Attack's history", instructions: "Be brief.", max_output_tokens: 500 },
    });
    expect(logged!.headers["user-agent"]).toMatch(/^Perplexity\/JS /);
    expect(logged!.headers["x-pplx-integration"]).toMatch(/^perplexity-node\//);
  });

  it("leaves the cost block out when scripted so, and answers unscripted questions with two citations", async () => {
    await script({ answer: "No cost here.", citations: [], cost: null });
    const bare = await client().responses.create({ model: "perplexity/sonar", input: "first" });
    expect(bare.usage?.cost).toBeUndefined();
    expect(bare.output.some((item) => item.type === "search_results")).toBe(false);

    const open = await client().responses.create({
      preset: "fast-search",
      input: [{ type: "message", role: "user", content: "Who is Portishead?" }],
    });
    expect(open.output_text).toContain("Who is Portishead?");
    const message = open.output.find((item) => item.type === "message");
    expect(message?.type === "message" && message.content[0]?.annotations).toHaveLength(2);
  });

  it("refuses a request without a key with the proxy's HTML 401, which the client raises as AuthenticationError", async () => {
    const error = await client("invalid")
      .responses.create({ preset: "fast-search", input: "anything" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).message).toContain("401 Authorization Required");
  });

  it("raises scripted 429s with retry-after as RateLimitError, and 500s as InternalServerError", async () => {
    await adminCall("fault", { status: 429, retryAfterSeconds: 37 });
    const limited = await client()
      .responses.create({ preset: "fast-search", input: "q" })
      .catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers.get("retry-after")).toBe("37");
    expect((limited as RateLimitError).error).toMatchObject({ error: { type: "request_rate_limit_exceeded" } });

    await adminCall("fault", { status: 500, times: 2 });
    for (let attempt = 0; attempt < 2; attempt++)
      await expect(client().responses.create({ preset: "fast-search", input: "q" })).rejects.toBeInstanceOf(InternalServerError);
    // The fault is used up: the next request is answered.
    await expect(client().responses.create({ preset: "fast-search", input: "q" })).resolves.toMatchObject({ status: "completed" });
  });

  it("is retried by the client as the client retries: a 500 then an answer, with maxRetries 1", async () => {
    await adminCall("fault", { status: 500 });
    const response = await new Perplexity({ apiKey: "k", baseURL: fake.url, maxRetries: 1, logLevel: "off" }).responses.create({
      preset: "fast-search",
      input: "retry me",
    });
    expect(response.status).toBe("completed");
    expect(await requests()).toHaveLength(2);
  });

  it("faults only the question they match, and rejects a request with no model, models or preset", async () => {
    await adminCall("fault", { status: 429, match: "Portishead" });
    await expect(client().responses.create({ preset: "fast-search", input: "about Massive Attack" })).resolves.toMatchObject({
      status: "completed",
    });
    await expect(client().responses.create({ preset: "fast-search", input: "about Portishead" })).rejects.toBeInstanceOf(RateLimitError);
    await expect(client().responses.create({ input: "no model" })).rejects.toMatchObject({ status: 400 });
  });
});
