/**
 * The commands: each reads its arguments, opens what it needs, asks the core
 * and prints (tables for people, the contract's JSON with --json). Loaded
 * only when a command runs, so that `--help` stays fast.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Audit, Claim, DateOnly, Events, Ids, Ledger, Quantity, Reconcile } from "@factledger/core";
import type { ClaimCorrected, ClaimRejected, ClaimReported, LedgerEvent } from "@factledger/core";
import { ExpectedRevision, decodeStored } from "@factledger/store";
import type { EventStore, NewEvent, Position, ReadFrom, StoredEvent } from "@factledger/store";
import type { Parsed } from "./Args.ts";
import { flag, str, UsageError } from "./Args.ts";
import { fromStore, UserError } from "./Errors.ts";
import * as Ingest from "./Ingest.ts";
import * as R from "./Render.ts";
import * as Stores from "./Stores.ts";
import * as V from "./Views.ts";

const env = process.env;
const out = (s: string) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);
const err = (s: string) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`);
const printJson = (x: unknown) => out(JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
const st = R.style(process.stdout.isTTY === true, env);

/** Today at the edge; FACTS_TODAY fixes it for reproducible runs and tests. */
const today = (): string => (env["FACTS_TODAY"] !== undefined && DateOnly.isDateOnly(env["FACTS_TODAY"]) ? env["FACTS_TODAY"] : new Date().toISOString().slice(0, 10));
/** The clock; when FACTS_TODAY is set, recording times are noon of that day, so that whole runs are reproducible. */
const now = (): string => (env["FACTS_TODAY"] !== undefined && DateOnly.isDateOnly(env["FACTS_TODAY"]) ? `${env["FACTS_TODAY"]}T12:00:00.000Z` : new Date().toISOString());
const runtime: Ingest.Runtime = { now, today, newId: () => randomUUID() };

const dateArg = (p: Parsed, name: string): string | undefined => {
  const v = str(p, name);
  if (v !== undefined && !DateOnly.isDateOnly(v)) throw new UserError(`--${name}: "${v}" is not a date in YYYY-MM-DD form`);
  return v;
};

const directionOk = (d: string) => /^(?:to_[a-z][a-z_]*|each_side|total)$/.test(d);

interface Opened {
  readonly store: EventStore;
  readonly where: string;
}

const withStore = async <A>(p: Parsed, create: boolean, f: (o: Opened) => Promise<A>): Promise<A> => {
  const spec = Stores.resolve(str(p, "store"), env);
  const store = await Stores.open(spec, { create });
  try {
    return await f({ store, where: Stores.describe(spec) });
  } finally {
    await store.close();
  }
};

const loadLedger = async (p: Parsed, o: Opened): Promise<Ledger.Ledger> => Stores.ledgerOf(o.store, o.where, await Stores.parsePositionArg(str(p, "position")));

const checkMetric = (ledger: Ledger.Ledger, metric: string | undefined): void => {
  if (metric === undefined) return;
  const known = new Set<string>([...Claim.builtInMetrics, ...[...ledger.claims.values()].map((c) => c.fields.metric)]);
  if (!known.has(metric)) throw new UserError(`--metric: unknown metric "${metric}" (known: ${[...known].sort().join(", ")})`);
};

const checkDirection = (direction: string | undefined): void => {
  if (direction !== undefined && !directionOk(direction)) throw new UserError(`--direction: "${direction}" is not a direction (to_<party>, each_side or total)`);
};

/** The knowledge and event axes of a read command. */
const axes = (p: Parsed): { knownAt: string; through: string } => {
  const knownAt = dateArg(p, "known-at") ?? today();
  return { knownAt, through: dateArg(p, "through") ?? knownAt };
};

const reportOf = (ledger: Ledger.Ledger, knownAt: string, through: string, since: string | null = null): Reconcile.Report =>
  Reconcile.report(Ledger.view(ledger, { knownAt }), { through, since, parties: Reconcile.defaultParties });

// ---------------------------------------------------------------------------------------------- ingest

const progressBar = (total: number) => {
  const show = process.stderr.isTTY === true && total > 5;
  return {
    tick: (done: number) => {
      if (!show) return;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stderr.write("\r\u001b[K");
    },
  };
};

const ingestCmd = async (p: Parsed): Promise<number> => {
  const flags: Ingest.FlagMetadata = {
    ...(dateArg(p, "published") !== undefined ? { publishedAt: dateArg(p, "published")! } : {}),
    ...(str(p, "outlet") !== undefined ? { outlet: str(p, "outlet")! } : {}),
    ...(str(p, "url") !== undefined ? { url: str(p, "url")! } : {}),
    ...(str(p, "manifest") !== undefined ? { manifest: str(p, "manifest")! } : {}),
  };
  return withStore(p, true, async (o) => {
    let bar: ReturnType<typeof progressBar> | null = null;
    const r = await Ingest.ingest(o.store, o.where, p.positionals, flags, runtime, (done, total) => {
      if (flag(p, "quiet") || flag(p, "json")) return;
      bar ??= progressBar(total);
      bar.tick(done);
    });
    if (flag(p, "json")) printJson({ ingested: r.ingested.map(({ notes: _n, ...x }) => x), rejected: r.rejected });
    else {
      for (const i of r.ingested)
        out(
          `${i.duplicate ? st.dim("duplicate") : st.green("recorded ")}  ${i.path}  ${i.claims} claim${i.claims === 1 ? "" : "s"}  ${i.publishedAt ?? st.yellow("undated")}${i.copyOf === null ? "" : st.dim(`  copy of ${i.copyOf.slice(0, 12)}`)}`,
        );
      for (const x of r.rejected) out(`${st.red("rejected ")}  ${x.path}: ${x.error}`);
      const recorded = r.ingested.filter((i) => !i.duplicate);
      const undated = recorded.filter((i) => i.undated);
      out(
        `\n${recorded.length} article${recorded.length === 1 ? "" : "s"} recorded (${recorded.reduce((n, i) => n + i.claims, 0)} claims), ${r.ingested.length - recorded.length} duplicate${r.ingested.length - recorded.length === 1 ? "" : "s"} skipped, ${r.rejected.length} rejected. Store: ${o.where}`,
      );
      for (const u of undated)
        out(st.yellow(`note: ${u.path} has no publication date (text, manifest or --published): recorded as undated; it counts as known from the day it was recorded.`));
    }
    for (const x of r.rejected) err(`facts: ${x.path}: ${x.error}`);
    return r.rejected.length > 0 ? 1 : 0;
  });
};

// ---------------------------------------------------------------------------------------------- extract

const extractCmd = async (p: Parsed): Promise<number> => {
  const path = p.positionals[0]!;
  const flags: Ingest.FlagMetadata = {
    ...(dateArg(p, "published") !== undefined ? { publishedAt: dateArg(p, "published")! } : {}),
    ...(str(p, "outlet") !== undefined ? { outlet: str(p, "outlet")! } : {}),
    ...(str(p, "url") !== undefined ? { url: str(p, "url")! } : {}),
    ...(str(p, "manifest") !== undefined ? { manifest: str(p, "manifest")! } : {}),
  };
  const { extraction: x } = Ingest.extractFile(path, flags, today());
  const m = x.metadata;
  if (flag(p, "json")) {
    printJson({
      article: { id: x.articleId, publishedAt: m.publishedAt, outlet: m.outlet, url: m.url, wire: m.wire, undated: m.publishedAt === null, learned: m.learned, notes: m.notes, path },
      claims: x.claims.map((c) => ({ ...c.fields, reportedVia: c.reportedVia })),
    });
    return 0;
  }
  out(`${st.bold(basename(path))}  article ${x.articleId}`);
  out(`  published ${m.publishedAt ?? st.yellow("undated")} (${m.learned.publishedAt})  outlet ${m.outlet ?? "-"} (${m.learned.outlet})${m.wire !== null && m.wire !== m.outlet ? `  wire ${m.wire}` : ""}`);
  for (const n of m.notes) out(st.yellow(`  note: ${n}`));
  out("");
  out(
    R.table(
      ["metric", "direction", "kind", ">value", "valid", "attributed to"],
      x.claims.map((c) => {
        const f = c.fields;
        return [f.metric, f.direction, f.kind, R.reported(f.value, f.qualifier), f.validFrom === f.validTo ? (f.validTo ?? "-") : `${f.validFrom ?? "…"}..${f.validTo ?? "…"}`, f.attributedTo + (c.reportedVia === null ? "" : st.dim(` via ${c.reportedVia}`))];
      }),
    ),
  );
  out(`\n${x.claims.length} claim${x.claims.length === 1 ? "" : "s"}`);
  return 0;
};

// ---------------------------------------------------------------------------------------------- claims

const claimsCmd = async (p: Parsed): Promise<number> => {
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  checkDirection(direction);
  const format = str(p, "format") ?? "table";
  if (format !== "table" && format !== "csv") throw new UsageError(`facts claims: --format must be table or csv, not "${format}"`);
  const knownAt = dateArg(p, "known-at") ?? null;
  return withStore(p, false, async (o) => {
    const ledger = await loadLedger(p, o);
    checkMetric(ledger, metric);
    const claims = Ledger.view(ledger, { knownAt })
      .filter((c) => metric === undefined || c.fields.metric === metric)
      .filter((c) => direction === undefined || c.fields.direction === direction || (c.fields.direction === "each_side" && direction.startsWith("to_")))
      .sort((a, b) => (a.knownAt + a.claimId < b.knownAt + b.claimId ? -1 : 1));
    if (flag(p, "json")) printJson({ claims: claims.map(V.claim) });
    else if (format === "csv") {
      const cols = ["id", "metric", "direction", "kind", "value", "qualifier", "lo", "hi", "validFrom", "validTo", "attributedTo", "reportedVia", "articleId", "outlet", "publishedAt", "knownAt", "evidence"] as const;
      out(R.csvLine([...cols]));
      for (const c of claims) {
        const v = V.claim(c);
        out(R.csvLine(cols.map((k) => (k === "evidence" ? v.evidence.text : (v[k] as string | number | null)))));
      }
    } else {
      out(
        R.table(
          ["known at", "metric", "direction", "kind", ">value", "valid", "attributed to", "outlet", "claim"],
          claims.map((c) => {
            const f = c.fields;
            return [c.knownAt, f.metric, f.direction, f.kind, R.reported(f.value, f.qualifier), f.validTo ?? "-", f.attributedTo, c.outlet ?? "-", st.dim(c.claimId)];
          }),
        ),
      );
      out(`\n${claims.length} claim${claims.length === 1 ? "" : "s"}${knownAt === null ? "" : ` known on ${knownAt}`}`);
    }
    return 0;
  });
};

// ---------------------------------------------------------------------------------------------- totals, discrepancies, report

const totalRows = (r: Reconcile.Report) =>
  r.totals.map((t) => [t.metric, t.direction, t.disputed ? st.red(R.num(t.best)) : R.num(t.best), R.bounds(t.lo, t.hi), t.basis, String(t.claims), t.sources.join(", ")]);
const totalHeads = ["metric", "direction", ">best", ">bounds", "basis", ">claims", "sources"];
const agreementRows = (r: Reconcile.Report) =>
  r.agreements.map((a) => [
    a.metric,
    a.direction,
    a.agreedOn ?? "?",
    R.bounds(a.targetLo, a.targetHi),
    R.bounds(a.doneLo, a.doneHi),
    a.doneHi === null ? `≤ ${R.num(a.remaining)}` : R.num(a.remaining),
    a.sources.join(", "),
  ]);
const agreementHeads = ["agreement", "direction", "agreed on", ">target", ">done", ">remaining", "sources"];

const offerRows = (r: Reconcile.Report) => r.offers.map((x) => [x.metric, x.direction, x.offeredOn ?? "?", R.bounds(x.figure.lo, x.figure.hi), x.sources.join(", ")]);
const offerHeads = ["offer", "direction", "offered on", ">figure", "by"];

const totalsCmd = async (p: Parsed): Promise<number> => {
  const { knownAt, through } = axes(p);
  const since = dateArg(p, "since") ?? null;
  if (since !== null && since > through) throw new UserError(`--since: ${since} is after --through ${through}`);
  return withStore(p, false, async (o) => {
    const r = reportOf(await loadLedger(p, o), knownAt, through, since);
    if (flag(p, "json")) printJson(V.totals(r, knownAt, through, since));
    else {
      out(st.bold(`Totals known on ${knownAt}, counting what happened ${since === null ? "" : `from ${since} `}through ${through}`));
      out(r.totals.length === 0 ? "  (none)" : R.table(totalHeads, totalRows(r)));
      out(st.bold(`\nAgreements`));
      out(r.agreements.length === 0 ? "  (none)" : R.table(agreementHeads, agreementRows(r)));
      if (r.offers.length > 0) {
        out(st.bold(`\nOffers and pledges by one side`) + st.dim(" (not agreements; counted toward nothing)"));
        out(R.table(offerHeads, offerRows(r)));
      }
    }
    return 0;
  });
};

/** A day or period as people read it: "2025-06-19", "as of 2025-06-19", "2025-05-24 → 2025-06-19". */
const period = (from: string | null, to: string | null): string =>
  from === null && to === null ? "undated" : from === null ? `as of ${to}` : to === null || to === from ? from : `${from} → ${to}`;

const versionLine = (v: ReturnType<typeof V.version>) =>
  `${R.reported(v.value, v.qualifier).padStart(12)}  ${v.attributedTo}${v.reportedVia === null ? "" : ` via ${v.reportedVia}`}  ${st.dim(`${v.outlet ?? "unnamed outlet"}, ${v.publishedAt ?? "undated"}`)}`;

const discrepancyBlock = (d: ReturnType<typeof V.discrepancies>["discrepancies"][number], i: number) =>
  [
    `  ${i + 1}. ${st.red(d.reason)}  ${d.metric} ${d.direction} ${d.kind}  ${period(d.validFrom, d.validTo)}`,
    `     ${d.detail}`,
    ...d.versions.map((v) => `     ${versionLine(v)}`),
  ].join("\n");

const discrepanciesCmd = async (p: Parsed): Promise<number> => {
  const { knownAt, through } = axes(p);
  return withStore(p, false, async (o) => {
    const v = V.discrepancies(reportOf(await loadLedger(p, o), knownAt, through), knownAt, through);
    if (flag(p, "json")) printJson(v);
    else {
      out(st.bold(`Discrepancies known on ${knownAt} (${v.discrepancies.length})`));
      out(v.discrepancies.length === 0 ? "  (none)" : v.discrepancies.map(discrepancyBlock).join("\n\n"));
    }
    return 0;
  });
};

const reportCmd = async (p: Parsed): Promise<number> => {
  const { knownAt, through } = axes(p);
  const format = str(p, "format") ?? "text";
  if (format !== "text" && format !== "md") throw new UsageError(`facts report: --format must be text or md, not "${format}"`);
  return withStore(p, false, async (o) => {
    const ledger = await loadLedger(p, o);
    const r = reportOf(ledger, knownAt, through);
    const known = [...ledger.articles.values()].filter((a) => a.knownAt <= knownAt);
    const undated = known.filter((a) => a.publishedAt === null);
    const claims = Ledger.view(ledger, { knownAt }).length;
    const d = V.discrepancies(r, knownAt, through);
    if (flag(p, "json")) {
      printJson({ ...V.totals(r, knownAt, through), discrepancies: d.discrepancies, articles: known.length, claims, undated: undated.map((a) => ({ articleId: a.articleId, path: a.path, knownAt: a.knownAt })) });
      return 0;
    }
    if (format === "md") {
      out(`# Ledger report, as known on ${knownAt}\n`);
      out(`${known.length} articles (${undated.length} undated), ${claims} claims. Counting what happened through ${through}.\n`);
      out(`## Agreements\n`);
      out(r.agreements.length === 0 ? "_none_\n" : R.mdTable(agreementHeads, agreementRows(r)) + "\n");
      out(`## Running totals\n`);
      out(r.totals.length === 0 ? "_none_\n" : R.mdTable(totalHeads, r.totals.map((t) => [t.metric, t.direction, `${R.num(t.best)}${t.disputed ? " (disputed)" : ""}`, R.bounds(t.lo, t.hi), t.basis, String(t.claims), t.sources.join(", ")])) + "\n");
      out(`## Discrepancies (${d.discrepancies.length})\n`);
      for (const x of d.discrepancies) {
        out(`- **${x.reason}** — ${x.metric} ${x.direction} ${x.kind} ${period(x.validFrom, x.validTo)}: ${x.detail}`);
        for (const v of x.versions) out(`  - ${R.reported(v.value, v.qualifier)} — ${v.attributedTo} (${v.outlet ?? "unnamed outlet"}, ${v.publishedAt ?? "undated"})`);
      }
      if (undated.length > 0) out(`\n## Undated articles\n\n${undated.map((a) => `- ${a.path ?? a.articleId}`).join("\n")}`);
      return 0;
    }
    out(st.bold(`factledger report — as known on ${knownAt}, counting what happened through ${through}`));
    out(st.dim(`${o.where}: ${known.length} articles (${undated.length} undated), ${claims} claims known`));
    out(st.bold("\nAgreements"));
    out(r.agreements.length === 0 ? "  (none)" : R.table(agreementHeads, agreementRows(r)));
    if (r.offers.length > 0) {
      out(st.bold("\nOffers and pledges by one side") + st.dim(" (not agreements; counted toward nothing)"));
      out(R.table(offerHeads, offerRows(r)));
    }
    out(st.bold("\nRunning totals"));
    out(r.totals.length === 0 ? "  (none)" : R.table(totalHeads, totalRows(r)));
    out(st.bold(`\nDiscrepancies (${d.discrepancies.length})`));
    out(d.discrepancies.length === 0 ? "  (none)" : d.discrepancies.map(discrepancyBlock).join("\n\n"));
    if (undated.length > 0) {
      out(st.bold("\nUndated articles") + st.dim(" (known from the day they were recorded; give --published or a manifest.json)"));
      for (const a of undated) out(`  ${a.path ?? a.articleId}  recorded ${a.knownAt}`);
    }
    return 0;
  });
};


// ---------------------------------------------------------------------------------------------- audit, timeline

/** Arguments are checked before any store is opened: a usage error does not depend on what is on disk. */
const requireTotalArgs = (p: Parsed): { metric: string; direction: string } => {
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  if (metric === undefined || direction === undefined) throw new UsageError(`facts audit and timeline need --metric M and --direction D`);
  checkDirection(direction);
  dateArg(p, "through");
  return { metric, direction };
};

const auditOf = async (p: Parsed, o: Opened) => {
  const { metric, direction } = requireTotalArgs(p);
  const ledger = await loadLedger(p, o);
  checkMetric(ledger, metric);
  const through = dateArg(p, "through") ?? null;
  return { metric, direction, changes: Audit.audit(ledger, metric, direction, { parties: Reconcile.defaultParties, through }) };
};

const fig = (f: Audit.Figure) => (f.best === null ? "-" : `${R.num(f.best)} (${R.bounds(f.lo!, f.hi)})`);

const auditCmd = async (p: Parsed): Promise<number> =>
  requireTotalArgs(p) &&
  withStore(p, false, async (o) => {
    const { metric, direction, changes } = await auditOf(p, o);
    if (flag(p, "json")) printJson(V.audit(metric, direction, changes));
    else {
      out(st.bold(`How ${metric} ${direction} changed (${changes.length} change${changes.length === 1 ? "" : "s"})`));
      out(changes.length === 0 ? "  (no claims)" : R.table(["known at", ">before", ">after", "article", "claims"], changes.map((c) => [c.knownAt, fig(c.before), fig(c.after), c.articleId ?? "analyst", c.claimIds.join(" ")])));
    }
    return 0;
  });

const timelineCmd = async (p: Parsed): Promise<number> =>
  requireTotalArgs(p) &&
  withStore(p, false, async (o) => {
    const { metric, direction, changes } = await auditOf(p, o);
    const points = Audit.timeline(changes);
    if (flag(p, "json")) printJson({ metric, direction, points });
    else {
      out(st.bold(`${metric} ${direction}, as known on each day it changed`));
      out(points.length === 0 ? "  (no claims)" : R.table(["day", ">best", ">bounds"], points.map((x) => [x.day, x.best === null ? "-" : R.num(x.best), x.lo === null ? "-" : R.bounds(x.lo, x.hi)])));
    }
    return 0;
  });

// ---------------------------------------------------------------------------------------------- reextract, correct, reject

const reextractCmd = async (p: Parsed): Promise<number> =>
  withStore(p, false, async (o) => {
    const r = await Ingest.reextract(o.store, o.where, runtime);
    if (flag(p, "json")) printJson({ reextracted: r });
    else {
      for (const x of r) out(`reextracted  ${x.articleId}  ${x.superseded} claims superseded (${x.from}), ${x.claims} new`);
      out(`${r.length} article${r.length === 1 ? "" : "s"} read again; the others were already read by this extractor version.`);
    }
    return 0;
  });

const analystEvent = async (p: Parsed, o: Opened, claimId: string, event: ClaimCorrected | ClaimRejected): Promise<void> => {
  // Append at the revision read before the claim was looked at: of two analysts changing one claim at once, one is refused.
  const seen = await o.store.readStream(Ids.analystStream(claimId))();
  if (E.isLeft(seen)) throw fromStore(o.where, seen.left);
  const ledger = await loadLedger(p, o);
  if (!ledger.claims.has(claimId)) throw new UserError(`claim ${claimId}: no such claim in ${o.where} (see 'facts claims')`);
  const e: NewEvent = { eventId: randomUUID(), type: event.type, data: event, metadata: { correlationId: randomUUID(), causationId: null } };
  const last = seen.right.at(-1);
  // The very change already latest on this claim (a re-run after a crash or a lost reply) is not recorded twice.
  const { recordedAt: _was, ...then } = (last?.data ?? {}) as { recordedAt?: string };
  const { recordedAt: _now, ...change } = event;
  if (last?.type === event.type && JSON.stringify(then) === JSON.stringify(change)) return;
  const r = await o.store.appendToStream(Ids.analystStream(claimId), [e], last === undefined ? ExpectedRevision.NoStream : ExpectedRevision.Exact(last.revision))();
  if (E.isLeft(r) && r.left._tag === "VersionConflict") throw new UserError(`${o.where}: claim ${claimId}: conflict, another analyst's change to this claim was recorded meanwhile; nothing was written (look at the claim again, then retry)`);
  if (E.isLeft(r)) throw fromStore(o.where, r.left);
};

const analyst = (p: Parsed) => str(p, "analyst") ?? env["USER"] ?? "analyst";
const reasonOf = (p: Parsed) => {
  const r = str(p, "reason");
  if (r === undefined || r.trim() === "") throw new UsageError("an analyst event needs --reason TEXT");
  return r;
};

const correctCmd = async (p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  const changes: Events.ClaimChanges = {};
  const nullableDate = (name: string) => {
    const v = str(p, name);
    if (v === undefined) return undefined;
    if (v === "null") return null;
    if (!DateOnly.isDateOnly(v)) throw new UserError(`--${name}: "${v}" is not a date in YYYY-MM-DD form (or null)`);
    return v;
  };
  const value = str(p, "value");
  if (value !== undefined) {
    if (value !== "null" && !/^\d+$/.test(value.replace(/,/g, ""))) throw new UserError(`--value: "${value}" is not a whole number (or null)`);
    changes.value = value === "null" ? null : Number(value.replace(/,/g, ""));
  }
  const q = str(p, "qualifier");
  if (q !== undefined) {
    if (!Events.ClaimChanges.props.qualifier.is(q)) throw new UserError(`--qualifier: "${q}" is not one of exact, at_least, more_than, about, nearly, at_most, undisclosed`);
    changes.qualifier = q;
  }
  const kind = str(p, "kind");
  if (kind !== undefined) {
    if (!Claim.Kind.is(kind)) throw new UserError(`--kind: "${kind}" is not one of event, cumulative, target, stock`);
    changes.kind = kind;
  }
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
  if (commitment !== undefined) {
    if (!Claim.Commitment.is(commitment)) throw new UserError(`--commitment: "${commitment}" is not one of agreed, offered`);
    changes.commitment = commitment;
  }
  if (Object.keys(changes).length === 0) throw new UsageError("facts correct: say what to correct (--value, --qualifier, --metric, --direction, --kind, --valid-from, --valid-to, --attributed-to, --commitment)");
  const reason = reasonOf(p);
  return withStore(p, false, async (o) => {
    const event: ClaimCorrected = { type: "ClaimCorrected", version: 1, claimId, changes, reason, analyst: analyst(p), recordedAt: runtime.now() };
    await analystEvent(p, o, claimId, event);
    if (flag(p, "json")) printJson({ recorded: event });
    else out(`correction of ${claimId} recorded; it takes effect from ${event.recordedAt.slice(0, 10)}`);
    return 0;
  });
};

const rejectCmd = async (p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  const reason = reasonOf(p);
  return withStore(p, false, async (o) => {
    const event: ClaimRejected = { type: "ClaimRejected", version: 1, claimId, reason, analyst: analyst(p), recordedAt: runtime.now() };
    await analystEvent(p, o, claimId, event);
    if (flag(p, "json")) printJson({ recorded: event });
    else out(`rejection of ${claimId} recorded; it takes effect from ${event.recordedAt.slice(0, 10)}`);
    return 0;
  });
};

/** `facts link` / `facts unlink`: a correction of the claim's agreement, recorded as an event. */
const linkCmd = (link: boolean) => async (p: Parsed): Promise<number> => {
  const claimId = p.positionals[0]!;
  let agreement: Events.ClaimChanges["agreement"] = null;
  if (link) {
    const on = dateArg(p, "agreed-on");
    if (on === undefined) throw new UsageError("facts link needs --agreed-on YYYY-MM-DD");
    const raw = str(p, "agreement-value");
    if (raw !== undefined && !/^\d+$/.test(raw.replace(/,/g, ""))) throw new UserError(`--agreement-value: "${raw}" is not a whole number`);
    agreement = { agreedOn: on, value: raw === undefined ? null : Number(raw.replace(/,/g, "")) };
  }
  const reason = reasonOf(p);
  return withStore(p, false, async (o) => {
    const event: ClaimCorrected = { type: "ClaimCorrected", version: 1, claimId, changes: { agreement }, reason, analyst: analyst(p), recordedAt: runtime.now() };
    await analystEvent(p, o, claimId, event);
    if (flag(p, "json")) printJson({ recorded: event });
    else out(`${link ? `link of ${claimId} to the agreement of ${agreement!.agreedOn}` : `unlink of ${claimId}`} recorded; it takes effect from ${event.recordedAt.slice(0, 10)}`);
    return 0;
  });
};

const addClaimCmd = async (p: Parsed): Promise<number> => {
  const need = (name: string): string => {
    const v = str(p, name);
    if (v === undefined || v.trim() === "") throw new UsageError(`facts add-claim needs --${name}`);
    return v;
  };
  const metric = need("metric");
  const direction = need("direction");
  checkDirection(direction);
  const kind = need("kind");
  if (!Claim.Kind.is(kind)) throw new UserError(`--kind: "${kind}" is not one of event, cumulative, target, stock`);
  const attributedTo = need("attributed-to");
  const reason = need("reason");
  const undisclosed = flag(p, "undisclosed");
  const raw = str(p, "value");
  if (undisclosed === (raw !== undefined)) throw new UsageError("facts add-claim needs exactly one of --value N and --undisclosed");
  if (raw !== undefined && !/^\d+$/.test(raw.replace(/,/g, ""))) throw new UserError(`--value: "${raw}" is not a whole number`);
  const value = raw === undefined ? null : Number(raw.replace(/,/g, ""));
  const qualifier = undisclosed ? "undisclosed" : (str(p, "qualifier") ?? "exact");
  if (!Events.ClaimChanges.props.qualifier.is(qualifier)) throw new UserError(`--qualifier: "${qualifier}" is not one of exact, at_least, more_than, about, nearly, at_most, undisclosed`);
  const validFrom = dateArg(p, "valid-from") ?? null;
  const validTo = dateArg(p, "valid-to") ?? null;
  const articleId = str(p, "article") ?? null;
  return withStore(p, true, async (o) => {
    if (articleId !== null) {
      const ledger = await loadLedger(p, o);
      if (!ledger.articles.has(articleId)) throw new UserError(`--article: no article ${articleId} in ${o.where}`);
    }
    const recordedAt = runtime.now();
    const who = analyst(p);
    const claimId = Ids.claimIdOf(["manual", who, recordedAt, metric, direction, kind, value, qualifier, validFrom, validTo, attributedTo]);
    const interval = Quantity.fromReported(value, qualifier, kind === "event");
    const event: ClaimReported = {
      type: "ClaimReported",
      version: 3,
      claimId,
      articleId,
      claim: {
        id: claimId, metric, direction, kind, value, qualifier, lo: interval.lo, hi: interval.hi, validFrom, validTo, attributedTo,
        evidence: { start: 0, end: 0, text: reason },
        agreement: null, commitment: kind === "target" ? "agreed" : null, group: null, dateSource: validFrom === null && validTo === null ? null : "text",
      },
      reportedVia: null,
      origin: "manual",
      analyst: who,
      extractor: { name: "analyst", version: "1" },
      recordedAt,
    };
    const e: NewEvent = { eventId: Ids.eventIdOf(`manual:${claimId}`), type: event.type, data: event, metadata: { correlationId: randomUUID(), causationId: null } };
    const r = await o.store.appendToStream(Ids.analystStream(claimId), [e], ExpectedRevision.NoStream)();
    if (E.isLeft(r)) throw fromStore(o.where, r.left);
    if (flag(p, "json")) printJson({ recorded: event });
    else out(`claim ${claimId} recorded; it counts from ${recordedAt.slice(0, 10)}`);
    return 0;
  });
};

// ---------------------------------------------------------------------------------------------- follow, migrate

const followCmd = async (p: Parsed): Promise<number> => {
  const spec = Stores.resolve(str(p, "store"), env);
  const rmPath = str(p, "read-model") ?? (spec._tag === "sqlite" ? spec.path : "factledger-read.db");
  const { openReadModel } = await import("@factledger/store-sqlite");
  const rm = openReadModel(rmPath);
  if (E.isLeft(rm)) throw fromStore(rmPath, rm.left);
  const model = rm.right;
  return withStore(p, false, async (o) => {
    const start = model.checkpoint();
    let applied = 0;
    let failure: unknown = null;
    const pending: Array<{ event: LedgerEvent; position: Position }> = [];
    const flush = () => {
      const r = model.apply(pending.splice(0));
      if (E.isLeft(r)) throw fromStore(rmPath, r.left);
    };
    await new Promise<void>((resolve) => {
      let caughtUp = false;
      const sub = o.store.subscribeToAll(start ?? "start", {
        onEvent: (stored: StoredEvent) => {
          const d = decodeStored(stored);
          if (E.isLeft(d)) {
            failure = fromStore(o.where, d.left);
            void sub.stop().then(resolve);
            return;
          }
          pending.push({ event: d.right, position: stored.position });
          applied++;
          if (pending.length >= 500 || caughtUp) flush();
        },
        onCaughtUp: () => {
          caughtUp = true;
          flush();
          if (!flag(p, "json")) err(`caught up: ${applied} events applied, checkpoint ${model.checkpoint() === null ? "none" : `${model.checkpoint()!.commit}/${model.checkpoint()!.prepare}`}`);
          if (flag(p, "once")) void sub.stop().then(resolve);
        },
        onError: (e) => {
          failure = fromStore(o.where, e);
          void sub.stop().then(resolve);
        },
      });
      if (!flag(p, "once")) {
        const stop = () => void sub.stop().then(() => { flush(); resolve(); });
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      }
    });
    if (pending.length > 0) flush();
    model.close();
    if (failure !== null) throw failure;
    const cp = model.checkpoint();
    if (flag(p, "json")) printJson({ readModel: rmPath, applied, checkpoint: cp === null ? null : `${cp.commit}/${cp.prepare}`, events: model.ledger.events });
    return 0;
  });
};

const migrateCmd = async (p: Parsed): Promise<number> => {
  const from = str(p, "from");
  const to = str(p, "to");
  if (from === undefined || to === undefined) throw new UsageError("facts migrate needs --from FILE and --to PATH|URL");
  const { openSqliteStore } = await import("@factledger/store-sqlite");
  const src = openSqliteStore(from, { create: false });
  if (E.isLeft(src)) throw fromStore(from, src.left);
  const source = src.right;
  const targetSpec = Stores.specOf(to);
  if (targetSpec._tag === "sqlite" && targetSpec.path === from) throw new UserError(`--to: the target is the source file ${from}`);
  const target = await Stores.open(targetSpec, { create: true });
  const key = `migrate:${Stores.describe(targetSpec)}`;
  source.db.exec("CREATE TABLE IF NOT EXISTS migrations (target TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID");
  const saved = source.db.prepare("SELECT position FROM migrations WHERE target = ?").pluck().get(key) as number | undefined;
  const save = source.db.prepare("INSERT INTO migrations (target, position) VALUES (?, ?) ON CONFLICT(target) DO UPDATE SET position = excluded.position");
  let position: ReadFrom = saved === undefined ? "start" : { commit: BigInt(saved), prepare: BigInt(saved) };
  let copied = 0, skipped = 0;
  try {
    for (;;) {
      const page = await source.readAll(position, 2000)();
      if (E.isLeft(page)) throw fromStore(from, page.left);
      if (page.right.length === 0) break;
      // Consecutive events of one stream were one append: copy them as one append.
      const groups: StoredEvent[][] = [];
      for (const e of page.right) {
        const last = groups.at(-1);
        if (last !== undefined && last[0]!.streamId === e.streamId && last.at(-1)!.revision + 1n === e.revision) last.push(e);
        else groups.push([e]);
      }
      for (const g of groups) {
        const first = g[0]!;
        const expected = first.revision === 0n ? ExpectedRevision.NoStream : ExpectedRevision.Exact(first.revision - 1n);
        const events: NewEvent[] = g.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, migratedFrom: { position: `${e.position.commit}`, recordedAt: e.recordedAt } } }));
        const r = await target.appendToStream(first.streamId, events, expected)();
        if (E.isLeft(r)) {
          // Already there (a resumed run after a crash between the append and the checkpoint)?
          const there = await target.readStream(first.streamId)();
          const ids = E.isRight(there) ? new Set(there.right.map((x) => x.eventId)) : new Set<string>();
          if (!g.every((e) => ids.has(e.eventId))) throw fromStore(Stores.describe(targetSpec), r.left);
          skipped += g.length;
        } else copied += g.length;
        save.run(key, Number(g.at(-1)!.position.commit));
      }
      position = page.right.at(-1)!.position;
    }
  } finally {
    await target.close();
    await source.close();
  }
  if (flag(p, "json")) printJson({ from, to: Stores.describe(targetSpec), copied, skipped });
  else out(`migrated ${copied} events from ${from} to ${Stores.describe(targetSpec)}${skipped > 0 ? ` (${skipped} were already there)` : ""}`);
  return 0;
};

// ----------------------------------------------------------------------------------------------

const handlers: Record<string, (p: Parsed) => Promise<number>> = {
  ingest: ingestCmd,
  extract: extractCmd,
  claims: claimsCmd,
  totals: totalsCmd,
  discrepancies: discrepanciesCmd,
  report: reportCmd,
  audit: auditCmd,
  timeline: timelineCmd,
  reextract: reextractCmd,
  correct: correctCmd,
  reject: rejectCmd,
  "add-claim": addClaimCmd,
  link: linkCmd(true),
  unlink: linkCmd(false),
  follow: followCmd,
  migrate: migrateCmd,
};

/** Runs one command; returns its exit code. */
export const run = (name: string, p: Parsed): Promise<number> => handlers[name]!(p);
