// Mutation testing of packages/extract (`pnpm mutate:extract`; see docs/testing.md).
import { forPackage } from "./stryker.base.mjs";

export default forPackage("extract");
