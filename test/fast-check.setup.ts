// Property tests run with a fixed seed (reproducible in CI) and at least 200 runs each.
// Set FC_SEED to explore other seeds locally; a failure prints the seed and path to replay it.
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env["FC_SEED"] ?? 20251122), numRuns: Math.max(200, Number(process.env["FC_RUNS"] ?? 200)) });
