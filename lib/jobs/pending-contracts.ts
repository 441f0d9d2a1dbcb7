import "server-only";
/**
 * Stand-ins for two functions other parts of issue 18 add (lib/reco's drift check, lib/ops's alert
 * rules), written against their agreed signatures so the job kinds that call them are done.
 * LEAD: when `checkDrift` is in lib/reco and `evaluateAlerts` in lib/ops, delete this file and change
 * the one import line in kinds/drift-check.ts and kinds/evaluate-alerts.ts.
 */
import type { Store } from "@/lib/db";

export interface DriftReport {
  activeVersion: number | null;
  trainedAt: string | null;
  artistMixShift: number;
  acceptanceBefore: number | null;
  acceptanceSince: number | null;
  acceptanceShift: number | null;
  shouldRetrain: boolean;
  reason: string;
}

export async function checkDrift(store?: Store): Promise<DriftReport> {
  void store;
  return {
    activeVersion: null,
    trainedAt: null,
    artistMixShift: 0,
    acceptanceBefore: null,
    acceptanceSince: null,
    acceptanceShift: null,
    shouldRetrain: false,
    reason: "the drift check is not in this build",
  };
}

export async function evaluateAlerts(): Promise<unknown[]> {
  return [];
}
