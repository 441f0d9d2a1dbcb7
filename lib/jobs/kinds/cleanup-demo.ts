import "server-only";
import { removeIdleDemoListeners } from "@/lib/listener";
import { registerJobKind } from "../kinds";

/** Removes demo visitors idle for 30 days with everything they own; each removal is idempotent. */
registerJobKind<Record<string, never>, { removed: number }>({
  kind: "cleanup-demo",
  async step({ store }) {
    const { removed, failed } = await removeIdleDemoListeners(store);
    if (failed > 0) throw new Error(`${failed} demo visitor(s) could not be removed; ${removed} were`);
    return {
      cursor: { removed },
      done: true,
      progress: { done: removed, total: removed },
      detail: `${removed} idle demo visitor(s) removed`,
    };
  },
});
