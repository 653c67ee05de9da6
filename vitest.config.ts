import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest runs cores − 1 files at once: one on a 2-core machine, where most test time is spent waiting on child
    // `facts` processes. Two at a time there took the suite from 680 s to the figure in docs/testing.md.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ["test/fast-check.setup.ts"],
    reporters: ["default"],
  },
});
