import "server-only";
import { removeIdleDemoListeners, sweepDeletedListeners } from "@/lib/listener";
import { registerJobKind } from "../kinds";

/**
 * The daily cleanup: removes demo visitors idle for 30 days with everything they own, and sweeps
 * deleted accounts once more for what requests in flight wrote after the deletion. Each removal is
 * idempotent.
 */
registerJobKind<Record<string, never>, { removed: number; swept?: number }>({
  kind: "cleanup-demo",
  async step({ store }) {
    const { removed, failed } = await removeIdleDemoListeners(store);
    const sweep = await sweepDeletedListeners(store);
    if (failed > 0 || sweep.failed > 0)
      throw new Error(
        `${failed} demo visitor(s) and ${sweep.failed} deleted account(s) could not be removed; ${removed} and ${sweep.swept} were`,
      );
    return {
      cursor: { removed, swept: sweep.swept },
      done: true,
      progress: { done: removed + sweep.swept, total: removed + sweep.swept },
      detail: `${removed} idle demo visitor(s) removed, ${sweep.swept} deleted account(s) swept`,
    };
  },
});
