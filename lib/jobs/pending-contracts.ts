import "server-only";
/**
 * A stand-in for lib/ops's alert rules (issue 18, built beside the runner), written against the
 * agreed signature so the `evaluate-alerts` job kind is done. Deleted when `evaluateAlerts` lands.
 */
export async function evaluateAlerts(): Promise<unknown[]> {
  return [];
}
