/**
 * The analyst's commands: correct, reject, link, unlink, add-claim and date.
 * Each turns its arguments into an app command; the app decides it against
 * the ledger and appends the event. Nothing is built or checked against the
 * store here beyond the shape of the arguments.
 */
import { AppError } from "@factledger/app";
import { Claim, Quantity } from "@factledger/core";
import type { Events } from "@factledger/core";
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { dateArg, fail, printJson, unwrap, usage, withApp } from "../Context.ts";

const analyst = (ctx: Context, p: Parsed) => str(p, "analyst") ?? ctx.defaultAnalyst;
const reasonOf = (p: Parsed, name = "an analyst event") => {
  const r = str(p, "reason");
  if (r === undefined || r.trim() === "") usage(`${name} needs --reason TEXT`);
  return r!;
};
const directionOk = (d: string) => /^(?:to_[a-z][a-z_]*|each_side|total)$/.test(d);
const checkDirection = (d: string | undefined): void => {
  if (d !== undefined && !directionOk(d)) fail(AppError.invalidArgument("--direction", `"${d}" is not a direction (to_<party>, each_side or total)`));
};
const whole = (name: string, raw: string): number => {
  if (!/^\d+$/.test(raw.replace(/,/g, ""))) fail(AppError.invalidArgument(`--${name}`, `"${raw}" is not a whole number`));
  return Number(raw.replace(/,/g, ""));
};
const qualifierOf = (q: string): Quantity.Qualifier =>
  Quantity.Qualifier.is(q) ? q : fail(AppError.invalidArgument("--qualifier", `"${q}" is not one of exact, at_least, more_than, about, nearly, at_most, undisclosed`));
const kindOf = (k: string): Claim.Kind => (Claim.Kind.is(k) ? k : fail(AppError.invalidArgument("--kind", `"${k}" is not one of event, cumulative, target, stock`)));

const recorded = (ctx: Context, p: Parsed, event: { recordedAt: string }, what: string) => {
  if (flag(p, "json")) printJson(ctx, { recorded: event });
  else ctx.out(`${what} recorded; it takes effect from ${event.recordedAt.slice(0, 10)}`);
  return 0;
};

export const correct = async (ctx: Context, p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  const changes: Events.ClaimChanges = {};
  const nullableDate = (name: string) => {
    const v = str(p, name);
    if (v === undefined || v === "null") return v === undefined ? undefined : null;
    return dateArg(p, name);
  };
  const value = str(p, "value");
  if (value !== undefined) changes.value = value === "null" ? null : whole("value", value);
  const q = str(p, "qualifier");
  if (q !== undefined) changes.qualifier = qualifierOf(q);
  const kind = str(p, "kind");
  if (kind !== undefined) changes.kind = kindOf(kind);
  if (str(p, "metric") !== undefined) changes.metric = str(p, "metric")!;
  if (str(p, "direction") !== undefined) {
    checkDirection(str(p, "direction"));
    changes.direction = str(p, "direction")!;
  }
  const vf = nullableDate("valid-from");
  if (vf !== undefined) changes.validFrom = vf;
  const vt = nullableDate("valid-to");
  if (vt !== undefined) changes.validTo = vt;
  if (str(p, "attributed-to") !== undefined) changes.attributedTo = str(p, "attributed-to")!;
  const commitment = str(p, "commitment");
  if (commitment !== undefined) changes.commitment = Claim.Commitment.is(commitment) ? commitment : fail(AppError.invalidArgument("--commitment", `"${commitment}" is not one of agreed, offered`));
  if (Object.keys(changes).length === 0) usage("correct: say what to correct (--value, --qualifier, --metric, --direction, --kind, --valid-from, --valid-to, --attributed-to, --commitment)");
  const reason = reasonOf(p);
  return withApp(ctx, p, false, async (app) => recorded(ctx, p, unwrap(await app.analyst({ _tag: "Correct", claimId, changes, reason, analyst: analyst(ctx, p) })), `correction of ${claimId}`));
};

export const reject = async (ctx: Context, p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  const reason = reasonOf(p);
  return withApp(ctx, p, false, async (app) => recorded(ctx, p, unwrap(await app.analyst({ _tag: "Reject", claimId, reason, analyst: analyst(ctx, p) })), `rejection of ${claimId}`));
};

/** `facts link` / `facts unlink`: a correction of the claim's agreement. */
export const link = (on: boolean) => async (ctx: Context, p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  let agreement: Events.ClaimChanges["agreement"] = null;
  if (on) {
    const day = dateArg(p, "agreed-on");
    if (day === undefined) usage("link needs --agreed-on YYYY-MM-DD");
    const raw = str(p, "agreement-value");
    agreement = { agreedOn: day!, value: raw === undefined ? null : whole("agreement-value", raw) };
  }
  const reason = reasonOf(p);
  return withApp(ctx, p, false, async (app) =>
    recorded(ctx, p, unwrap(await app.analyst({ _tag: "Correct", claimId, changes: { agreement }, reason, analyst: analyst(ctx, p) })), on ? `link of ${claimId} to the agreement of ${agreement!.agreedOn}` : `unlink of ${claimId}`),
  );
};

export const addClaim = async (ctx: Context, p: Parsed): Promise<number> => {
  const need = (name: string): string => {
    const v = str(p, name);
    if (v === undefined || v.trim() === "") usage(`add-claim needs --${name}`);
    return v!;
  };
  const metric = need("metric");
  const direction = need("direction");
  checkDirection(direction);
  const kind = kindOf(need("kind"));
  const attributedTo = need("attributed-to");
  const reason = need("reason");
  const undisclosed = flag(p, "undisclosed");
  const raw = str(p, "value");
  if (undisclosed === (raw !== undefined)) usage("add-claim needs exactly one of --value N and --undisclosed");
  const value = raw === undefined ? null : whole("value", raw);
  const qualifier = undisclosed ? "undisclosed" : qualifierOf(str(p, "qualifier") ?? "exact");
  const validFrom = dateArg(p, "valid-from") ?? null;
  const validTo = dateArg(p, "valid-to") ?? null;
  const articleId = str(p, "article") ?? null;
  return withApp(ctx, p, true, async (app) => {
    const event = unwrap(await app.analyst({ _tag: "AddClaim", articleId, metric, direction, kind, value, qualifier, validFrom, validTo, attributedTo, reason, analyst: analyst(ctx, p) }));
    if (flag(p, "json")) printJson(ctx, { recorded: event });
    else ctx.out(`claim ${event.type === "ClaimReported" ? event.claimId : ""} recorded; it counts from ${event.recordedAt.slice(0, 10)}`);
    return 0;
  });
};

/** `facts date <article> YYYY-MM-DD`: an ArticleDated event. */
export const date = async (ctx: Context, p: Parsed): Promise<number> => {
  const [articleId, day] = p.positionals as [string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) fail(AppError.invalidArgument("date", `"${day}" is not a date in YYYY-MM-DD form`));
  const reason = str(p, "reason") ?? "dated by an analyst";
  return withApp(ctx, p, false, async (app) => {
    const event = unwrap(await app.date({ _tag: "DateArticle", articleId, publishedAt: day, reason, analyst: analyst(ctx, p) }));
    if (flag(p, "json")) printJson(ctx, { recorded: event });
    else ctx.out(`article ${articleId} dated ${day}${event.type === "ArticleDated" && event.previous !== null ? ` (was ${event.previous})` : " (was undated)"}; every view read from now on counts it as published that day`);
    return 0;
  });
};
