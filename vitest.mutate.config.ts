// The vitest configuration of `pnpm mutate` (Stryker): one package's own tests, by MUTATE_PACKAGE,
// with the workspace packages resolved to their sources so that every test sees the mutated code.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const pkg = process.env["MUTATE_PACKAGE"] ?? "core";
const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@factledger\/core\/testing$/, replacement: `${src("core")}testing.ts` },
      { find: /^@factledger\/core$/, replacement: `${src("core")}index.ts` },
      { find: /^@factledger\/extract$/, replacement: `${src("extract")}index.ts` },
    ],
  },
  test: {
    include: [`packages/${pkg}/src/**/*.test.ts`],
    // MUTATE_EXAMPLES_ONLY=1: the example tests alone (no fast-check laws), for a quick lower bound of the score.
    exclude: process.env["MUTATE_EXAMPLES_ONLY"] === "1" ? ["**/*.prop.test.ts", "**/node_modules/**"] : ["**/node_modules/**"],
    testTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/fast-check.mutate.setup.ts"],
  },
});
