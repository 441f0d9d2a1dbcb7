/**
 * The traffic of `npm run bench:load`: what a signed-in demo visitor asks for, with weights, and
 * how each answer is judged. One request is one step; a visitor's steps are drawn at random from
 * the mix below, so every visitor changes ranges, asks for picks, gives feedback and chats.
 */

/** A demo visitor: their own session cookie, tracks they were recommended (for feedback), their chat. */
export interface Visitor {
  index: number;
  cookie: string;
  tracks: Array<{ key: string; name: string; artist: string }>;
  chat: { id: string; turns: number; count: number };
  messages: number;
}

export interface Step {
  /** The row of the table: method and route pattern. */
  route: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** How a 2xx answer is checked beyond its status. */
  expect: "page" | "json" | "chat";
}

const RANGES = ["4w", "6m", "1y", "all"] as const;
const CONTEXTS = ["", "chill", "focus", "workout", "happy,commute", "melancholy,sleep", "energetic,party", "1990s", "evening"] as const;
const QUESTIONS = [
  "Who were my top artists in the last 4 weeks?",
  "How many hours did I listen this year?",
  "What did I play on this day in past years?",
  "Recommend something chill for focus",
  "Compare my listening this month with last month",
  "What are my top tracks of all time?",
  "When do I listen to music the most?",
] as const;
const FEEDBACK_KINDS = ["like", "dislike", "not_now", null] as const;

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)]!;
}

/** A visitor's chat turn: the AI SDK UI message body of POST /api/chat; a new chat every three turns. */
function chatTurn(visitor: Visitor): string {
  if (visitor.chat.turns >= 3)
    visitor.chat = { id: `load-${visitor.index}-${visitor.chat.count + 1}`, turns: 0, count: visitor.chat.count + 1 };
  visitor.chat.turns += 1;
  visitor.messages += 1;
  return JSON.stringify({
    id: visitor.chat.id,
    message: { id: `m-${visitor.index}-${visitor.messages}`, role: "user", parts: [{ type: "text", text: pick(QUESTIONS) }] },
    trigger: "submit-message",
  });
}

/** Weights in percent: pages are server-rendered; the APIs are what those pages' controls call. */
const MIX: Array<[number, (visitor: Visitor) => Step]> = [
  [25, () => ({ route: "GET /dashboard", method: "GET", path: `/dashboard?range=${pick(RANGES)}`, expect: "page" })],
  [
    28,
    () => ({
      route: "GET /api/insights",
      method: "GET",
      path: `/api/insights?range=${pick(RANGES)}&by=${Math.random() < 0.7 ? "plays" : "time"}`,
      expect: "json",
    }),
  ],
  [8, () => ({ route: "GET /discover", method: "GET", path: "/discover", expect: "page" })],
  [
    17,
    () => {
      const context = pick(CONTEXTS);
      const novelty = pick([0.1, 0.3, 0.6]);
      return {
        route: "GET /api/recommendations",
        method: "GET",
        path: `/api/recommendations?limit=20&novelty=${novelty}${context ? `&context=${context}` : ""}`,
        expect: "json",
      };
    },
  ],
  [
    10,
    (visitor) => {
      const track = pick(visitor.tracks);
      const body = { target: "track", itemId: track.key, kind: pick(FEEDBACK_KINDS), name: track.name, artist: track.artist };
      return { route: "POST /api/feedback", method: "POST", path: "/api/feedback", body: JSON.stringify(body), expect: "json" };
    },
  ],
  [6, (visitor) => ({ route: "POST /api/chat", method: "POST", path: "/api/chat", body: chatTurn(visitor), expect: "chat" })],
  [6, () => ({ route: "GET /api/health", method: "GET", path: "/api/health", expect: "json" })],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [weight]) => sum + weight, 0);

/** The routes of the mix, in table order. */
export const MIX_ROUTES = [
  "GET /dashboard",
  "GET /api/insights",
  "GET /discover",
  "GET /api/recommendations",
  "POST /api/feedback",
  "POST /api/chat",
  "GET /api/health",
];

/** The visitor's next request, drawn by weight. */
export function nextStep(visitor: Visitor): Step {
  let draw = Math.random() * TOTAL_WEIGHT;
  for (const [weight, make] of MIX) {
    draw -= weight;
    if (draw < 0) return make(visitor);
  }
  return MIX[0]![1](visitor);
}

/** The headers a browser on our pages sends: the visitor's session, and Origin on a POST. */
export function headersFor(visitor: Visitor, step: Step, origin: string): Record<string, string> {
  return {
    cookie: visitor.cookie,
    ...(step.method === "POST" ? { origin, "content-type": "application/json" } : {}),
    ...(step.expect === "page" ? { accept: "text/html" } : {}),
  };
}

/** Why a 2xx answer is still wrong, or null: a page still preparing the demo, a chat stream that did not finish. */
export function answerProblem(step: Step, body: string): string | null {
  if (step.expect === "page" && body.includes('data-testid="demo-preparing"')) return "the demo history was not ready";
  if (step.expect === "chat") {
    if (body.includes('"type":"error"')) return "the chat stream carried an error";
    if (!body.includes('"type":"finish"')) return "the chat stream did not finish";
  }
  return null;
}
