// Mutation testing of packages/extract (`pnpm mutate:extract`; see docs/testing.md).
process.env["MUTATE_PACKAGE"] = "extract"; // read by vitest.mutate.config.ts in every test-runner worker

// Plugins by path: under pnpm, Stryker cannot find its plugins beside itself.
const plugins = ["@stryker-mutator/vitest-runner", "@stryker-mutator/typescript-checker"].map((name) => import.meta.resolve(name));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins,
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: "packages/extract/tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ["packages/extract/src/**/*.ts", "!packages/extract/src/**/*.test.ts", "!packages/extract/src/index.ts"],
  coverageAnalysis: "perTest",
  // Static mutants (module-level tables and patterns) rerun every test without coverage: counted as ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: "reports/mutation/extract.incremental.json",
  reporters: ["json", "clear-text", "progress"],
  jsonReporter: { fileName: "reports/mutation/extract.json" },
  clearTextReporter: { reportMutants: false, reportTests: false },
  tempDirName: ".stryker-tmp-extract",
  cleanTempDir: "always",
};
