// The Stryker set-up shared by `pnpm mutate:core` and `pnpm mutate:extract` (see docs/testing.md):
// one package per run, its own tests only, with the workspace packages resolved to their sources.

// Plugins by path: under pnpm, Stryker cannot find its plugins beside itself.
const plugins = ["@stryker-mutator/vitest-runner", "@stryker-mutator/typescript-checker"].map((name) => import.meta.resolve(name));

/**
 * The options of one package's run: `name` is its folder under packages/, `skip` the source files not to mutate
 * (besides tests and the index).
 * @param {string} name
 * @param {readonly string[]} [skip]
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export const forPackage = (name, skip = []) => {
  process.env["MUTATE_PACKAGE"] = name; // read by vitest.mutate.config.ts in every test-runner worker
  const src = `packages/${name}/src`;
  return {
    plugins,
    testRunner: "vitest",
    vitest: { configFile: "vitest.mutate.config.ts", related: false },
    checkers: ["typescript"],
    tsconfigFile: `packages/${name}/tsconfig.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    mutate: [`${src}/**/*.ts`, `!${src}/**/*.test.ts`, `!${src}/index.ts`, ...skip.map((f) => `!${src}/${f}`)],
    coverageAnalysis: "perTest",
    // Static mutants (module-level tables, codecs and patterns) rerun every test without coverage: too slow for 2 shared cores; counted as ignored.
    ignoreStatic: true,
    concurrency: 2,
    timeoutMS: 5_000,
    incremental: true,
    incrementalFile: `reports/mutation/${name}.incremental.json`,
    reporters: ["json", "clear-text", "progress"],
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    clearTextReporter: { reportMutants: false, reportTests: false },
    tempDirName: `.stryker-tmp-${name}`,
    // Another package's run going on beside this one must not be copied into this sandbox.
    ignorePatterns: [".stryker-tmp-*", "reports", "bench/out"],
    cleanTempDir: "always",
  };
};
