/**
 * Query parameters of the API, named as the CLI's options (`known-at`,
 * `through`, `since`, `metric`, `direction`, `position`, `id`) with camelCase
 * aliases (`knownAt`). Parsing is total: a parameter that is unknown, given
 * twice, or not a date is a `BadParam` naming it, never an exception.
 */
import * as E from "fp-ts/lib/Either.js";
import { DateOnly } from "@factledger/core";
import { parsePosition } from "@factledger/store";
import type { Position } from "@factledger/store";

/** A bad parameter: its CLI name and one line saying what is wrong. */
export interface BadParam {
  readonly _tag: "BadParam";
  readonly param: string;
  readonly message: string;
}

export const badParam = (param: string, message: string): BadParam => ({ _tag: "BadParam", param, message });

/** The parameters a request may give, after parsing. */
export interface Params {
  readonly knownAt?: string;
  readonly through?: string;
  readonly since?: string;
  readonly metric?: string;
  readonly direction?: string;
  readonly position?: Position;
  readonly id?: string;
  /** The slim answer (Slim.ts): `slim=1` or `slim=true` (`0`, `false`: the full one). */
  readonly slim?: boolean;
}

/** Every parameter's CLI name and its camelCase alias. */
const names: Readonly<Record<string, keyof Params>> = {
  "known-at": "knownAt",
  knownAt: "knownAt",
  through: "through",
  since: "since",
  metric: "metric",
  direction: "direction",
  position: "position",
  id: "id",
  slim: "slim",
};

const cliName = (key: keyof Params): string => (key === "knownAt" ? "known-at" : key);

const dates = new Set<keyof Params>(["knownAt", "through", "since"]);

/** Parses a query string against the parameters a route accepts (by their keys). */
export const parse = (search: URLSearchParams, accepted: readonly (keyof Params)[]): E.Either<BadParam, Params> => {
  const out: Record<string, unknown> = {};
  for (const [name, value] of search) {
    const key = names[name];
    if (key === undefined || !accepted.includes(key)) {
      return E.left(badParam(name, `unknown parameter "${name}" (this route takes: ${accepted.map(cliName).join(", ") || "none"})`));
    }
    const cli = cliName(key);
    if (key in out) return E.left(badParam(cli, `given more than once`));
    if (value === "") return E.left(badParam(cli, `is empty`));
    if (dates.has(key)) {
      if (!DateOnly.isDateOnly(value)) return E.left(badParam(cli, DateOnly.whyNotADay(value)));
      out[key] = value;
    } else if (key === "position") {
      const p = parsePosition(value);
      if (p === null) return E.left(badParam(cli, `"${value}" is not a position (a number, or commit and prepare as 100/100)`));
      out[key] = p;
    } else if (key === "slim") {
      if (!["1", "true", "0", "false"].includes(value)) return E.left(badParam(cli, `"${value}" is not 1, true, 0 or false`));
      out[key] = value === "1" || value === "true";
    } else out[key] = value;
  }
  return E.right(out as Params);
};
