export * as Spec from "./Spec.ts";
