// Mutation testing of packages/core (`pnpm mutate:core`; see docs/testing.md). The generators are test code.
import { forPackage } from "./stryker.base.mjs";

export default forPackage("core", ["testing.ts", "arbitraries.ts"]);
