/**
 * Operating a store: re-extraction, the projection runner (`follow`) and
 * migration between any two registered stores.
 */
import { existsSync, rmSync } from "node:fs";
import * as E from "fp-ts/lib/Either.js";
import { AppError } from "@factledger/app";
import { makeMemoryCheckpoints, showPosition } from "@factledger/store";
import type { CheckpointStore } from "@factledger/store";
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { fail, locationOf, openStore, printJson, projectionPathOf, unwrap, usage, withApp } from "../Context.ts";

export const reextract = async (ctx: Context, p: Parsed): Promise<number> =>
  withApp(ctx, p, false, async (app) => {
    const r = unwrap(await app.reextract());
    if (flag(p, "json")) printJson(ctx, { reextracted: r });
    else {
      for (const x of r) ctx.out(`reextracted  ${x.articleId}  ${x.superseded} claims superseded (${x.from}), ${x.claims} new`);
      ctx.out(`${r.length} article${r.length === 1 ? "" : "s"} read again; the others were already read by this extractor version.`);
    }
    return 0;
  });

/** The embedded file behind a location, if it is one. */
const sqlitePath = (ctx: Context, location: string): string | null => {
  const f = ctx.registry.factoryOf(location);
  return E.isRight(f) && f.right.name === "sqlite" ? f.right.describe(location) : null;
};

/** The read model's default file: beside an embedded store (x.db → x-read.db), else ./factledger-read.db. */
const readModelOf = (ctx: Context, location: string): string => projectionPathOf(ctx, location) ?? "factledger-read.db";

export const follow = async (ctx: Context, p: Parsed, onSignal: (stop: () => void) => void): Promise<number> => {
  const rmPath = str(p, "read-model") ?? readModelOf(ctx, locationOf(ctx, p));
  // The read model is the persisted ledger projection that every read command uses.
  const { openLedgerProjection } = await import("@factledger/store-sqlite");
  const rm = openLedgerProjection(rmPath);
  if (E.isLeft(rm)) return fail(AppError.storeFailed(rmPath)(rm.left));
  rm.right.close();
  return withApp(
    ctx,
    p,
    false,
    async (app) => {
      const model = unwrap(await app.projectionSink());
      const running = app.follow(model, {
        once: flag(p, "once"),
        onCaughtUp: (applied) => {
          const cp = model.checkpoint();
          if (!flag(p, "json")) ctx.err(`caught up: ${applied} events applied, checkpoint ${cp === null ? "none" : showPosition(cp)}\n`);
        },
      });
      if (!flag(p, "once")) onSignal(running.stop);
      const r = await running.done;
      if (r.error !== null) return fail(AppError.storeFailed(app.parts.where)(r.error));
      const cp = model.checkpoint();
      if (flag(p, "json")) printJson(ctx, { readModel: rmPath, applied: r.applied, checkpoint: cp === null ? null : showPosition(cp), events: model.events() });
      return 0;
    },
    rmPath,
  );
};

export const migrate = async (ctx: Context, p: Parsed): Promise<number> => {
  const fromArg = str(p, "from");
  const storeArg = str(p, "store");
  if (fromArg !== undefined && storeArg !== undefined && fromArg !== storeArg) usage("migrate: --from and --store name the same thing (the source); give one");
  const from = fromArg ?? storeArg;
  const to = str(p, "to");
  const synopsis = "Usage: facts migrate --store PATH|URL --to PATH|URL [--json]";
  if (from === undefined) usage(`migrate: --store (or --from) is required: the store to copy from. ${synopsis}`);
  if (to === undefined) usage(`migrate: --to is required: the store to copy into. ${synopsis}`);
  const fromPath = sqlitePath(ctx, from!);
  if (fromPath !== null && sqlitePath(ctx, to!) === fromPath) fail(AppError.invalidArgument("--to", `the target is the source file ${fromPath}`));
  const source = await openStore(ctx, from!, false);
  let checkpoints: CheckpointStore = makeMemoryCheckpoints();
  try {
    const target = await openStore(ctx, to!, true);
    try {
      // The checkpoint of a migration is kept beside the source when it is a file (on a connection of its own).
      if (fromPath !== null) {
        const { openSqliteCheckpoints } = await import("@factledger/store-sqlite");
        const c = openSqliteCheckpoints(fromPath);
        if (E.isLeft(c)) return fail(AppError.storeFailed(fromPath)(c.left));
        checkpoints = c.right;
      }
      const { App } = await import("@factledger/app");
      const app = App.make({ store: source.store, where: source.where, checkpoints, clock: ctx.clock, ids: ctx.ids });
      const r = unwrap(await app.migrateTo(target));
      if (flag(p, "json")) printJson(ctx, { from: source.where, to: target.where, copied: r.copied, skipped: r.skipped });
      else ctx.out(`migrated ${r.copied} events from ${source.where} to ${target.where}${r.skipped > 0 ? ` (${r.skipped} were already there)` : ""}`);
      return 0;
    } finally {
      await target.store.close();
    }
  } finally {
    await checkpoints.close();
    await source.store.close();
  }
};

export const verify = async (ctx: Context, p: Parsed): Promise<number> =>
  withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.verify());
    if (flag(p, "json")) printJson(ctx, v);
    else if (v.ok)
      ctx.out(
        `${v.store}: ${v.events} event${v.events === 1 ? "" : "s"} verified: the hash chain is whole, integrity_check ok, every event decodes` +
          (v.head === null ? "" : `; head ${v.head.position} ${v.head.hash}`),
      );
    // One line on stderr, as for every failure; the exit code says it.
    else if (v.first !== null) ctx.err(`facts: ${v.store}: ${v.first.position === null ? "" : `position ${v.first.position}: `}${v.first.reason} (${v.badEvents} bad event${v.badEvents === 1 ? "" : "s"} of ${v.events})\n`);
    return v.ok ? 0 : 1;
  });

export const exportLog = async (ctx: Context, p: Parsed): Promise<number> =>
  withApp(ctx, p, false, async (app) => {
    const out = str(p, "out");
    const r = unwrap(await app.exportLog(out === undefined ? { write: ctx.write } : { out }));
    const head = r.head === null ? "" : `; head ${r.head.position} ${r.head.hash}`;
    if (out === undefined) {
      // stdout carries the archive and nothing else.
      if (!flag(p, "json")) ctx.err(`exported ${r.events} event${r.events === 1 ? "" : "s"}${head}\n`);
    } else if (flag(p, "json")) printJson(ctx, { out, events: r.events, head: r.head });
    else ctx.out(`exported ${r.events} event${r.events === 1 ? "" : "s"} to ${out}${head}`);
    return 0;
  });

export const importLog = async (ctx: Context, p: Parsed): Promise<number> => {
  const file = p.positionals[0]!;
  const { Archive } = await import("@factledger/app");
  // The file is opened before the store, so a file that cannot be read creates no store.
  const archive = Archive.openArchive(file);
  // A store this command makes is removed again if the import fails (the transaction left it empty),
  // with the projection file made beside it, so that a refused archive leaves no store behind.
  const location = locationOf(ctx, p);
  const path = sqlitePath(ctx, location);
  const made = [path, projectionPathOf(ctx, location)].filter((f): f is string => f !== null && f !== ":memory:" && !existsSync(f));
  try {
    return await withApp(ctx, p, true, async (app) => {
      const r = unwrap(await app.importLog(archive));
      if (r.events === 0 && r.alreadyHeld === undefined) ctx.err(`note: ${file} holds no events (the export of an empty store is an empty file): ${app.parts.where} is an empty store\n`);
      if (flag(p, "json")) printJson(ctx, { from: file, store: app.parts.where, events: r.events, head: r.head, ...(r.alreadyHeld === undefined ? {} : { alreadyHeld: r.alreadyHeld }) });
      else if (r.alreadyHeld !== undefined)
        ctx.out(`${app.parts.where} already holds the ${r.alreadyHeld} event${r.alreadyHeld === 1 ? "" : "s"} of ${file}, the same log${r.head === null ? "" : ` up to head ${r.head.position} ${r.head.hash}`}; nothing was imported`);
      else ctx.out(`imported ${r.events} event${r.events === 1 ? "" : "s"} from ${file} into ${app.parts.where}${r.head === null ? "" : `; head ${r.head.position} ${r.head.hash}`}`);
      return 0;
    });
  } catch (e) {
    for (const f of made) for (const x of [f, `${f}-wal`, `${f}-shm`, `${f}-journal`]) rmSync(x, { force: true });
    throw e;
  } finally {
    archive.close();
  }
};
