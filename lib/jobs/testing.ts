/**
 * Test support for lib/jobs: register a kind of the tests' own, and stop or slow a runner at a
 * named checkpoint (kill tests print where they are and wait to be killed there).
 */
export { checkpoints, registerJobKind, type JobKindDefinition, type StepContext } from "./kinds";
export { publishJob } from "./dispatch";
