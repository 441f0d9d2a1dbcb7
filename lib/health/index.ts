export { backendModes, type BackendMode } from "@/lib/env";
export { configuredChecks, runChecks, type CheckResult } from "./checks";
export { mayReadHealthDetails, publicCheck, readiness, READINESS_TTL_MS, type Readiness } from "./readiness";
export { appVersion } from "./version";
