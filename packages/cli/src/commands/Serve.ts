/**
 * `facts serve`: the dashboard and its JSON API over the command's store
 * (packages/web), until Ctrl-C. The CLI only parses the options, opens the
 * store and prints the address; the server is the web package's.
 */
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { fail, printJson, withApp } from "../Context.ts";
import { AppError } from "@factledger/app";

export const serve = async (ctx: Context, p: Parsed, onSignal: (stop: () => void) => void): Promise<number> => {
  const portArg = str(p, "port") ?? "4000";
  const port = Number(portArg);
  if (!/^\d+$/.test(portArg) || port > 65535) fail(AppError.invalidArgument("--port", `"${portArg}" is not a port number (0 to 65535; 0 picks a free one)`));
  const host = str(p, "host") ?? "127.0.0.1";
  const web = await import("@factledger/web");
  // Ctrl-C is listened for before the address is printed: whoever reads the address may stop us at once.
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  onSignal(() => stop());
  return withApp(ctx, p, false, async (app) => {
    let running: Awaited<ReturnType<typeof web.serve>>;
    try {
      running = await web.serve({ app, host, port, today: ctx.clock.today, log: (l) => ctx.err(`facts serve: ${l}\n`) });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(AppError.invalidArgument(code === "EADDRINUSE" ? "--port" : "--host", `cannot listen on ${host}:${port}: ${code ?? (e as Error).message}`));
    }
    if (flag(p, "json")) printJson(ctx, { url: running.url, store: app.parts.where });
    else ctx.out(`factledger dashboard at ${running.url} (store: ${app.parts.where}); Ctrl-C stops it`);
    await stopped;
    await running.close();
    if (!flag(p, "json")) ctx.err("stopped\n");
    return 0;
  });
};
