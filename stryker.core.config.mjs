// Mutation testing of packages/core (`pnpm mutate:core`; see docs/testing.md).
process.env["MUTATE_PACKAGE"] = "core"; // read by vitest.mutate.config.ts in every test-runner worker

// Plugins by path: under pnpm, Stryker cannot find its plugins beside itself.
const plugins = ["@stryker-mutator/vitest-runner", "@stryker-mutator/typescript-checker"].map((name) => import.meta.resolve(name));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins,
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "packages/core/tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ["packages/core/src/**/*.ts", "!packages/core/src/**/*.test.ts", "!packages/core/src/testing.ts", "!packages/core/src/arbitraries.ts", "!packages/core/src/index.ts"],
  coverageAnalysis: "perTest",
  // Static mutants (module-level tables and codecs) rerun every test without coverage: too slow for 2 shared cores; counted as ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: "reports/mutation/core.incremental.json",
  reporters: ["json", "clear-text", "progress"],
  jsonReporter: { fileName: "reports/mutation/core.json" },
  clearTextReporter: { reportMutants: false, reportTests: false },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
