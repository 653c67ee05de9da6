// Property tests under `pnpm mutate`: the same fixed seed with 50 runs each (a quarter of the default
// suite's), so that a run over thousands of mutants fits the machine. See docs/testing.md.
import fc from "fast-check";

fc.configureGlobal({ seed: 20251122, numRuns: 50 });
