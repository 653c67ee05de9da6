/**
 * @factledger/web — `facts serve` and `facts report --format html`: the JSON
 * API over the app's query views, the page (vanilla JS and inline SVG, served
 * from this package, nothing fetched from anywhere else), the live follow of
 * the store, and the same page as one self-contained file.
 */
export * as Api from "./Api.ts";
export * as Params from "./Params.ts";
export * as Report from "./Report.ts";
export * as Slim from "./Slim.ts";
export { serve } from "./Server.ts";
export type { Running, ServeOptions } from "./Server.ts";
