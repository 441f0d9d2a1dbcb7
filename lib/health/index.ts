export { backendModes, type BackendMode } from "@/lib/env";
export { configuredChecks, runChecks, type CheckResult } from "./checks";
export { appVersion } from "./version";
