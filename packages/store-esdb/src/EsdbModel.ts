/**
 * EsdbModel: a MODEL of an EventStoreDB / KurrentDB server, for tests only. It is not the server and its verdicts
 * are not the server's: it answers the few gRPC calls this adapter makes (server features, Streams.Read for
 * streams, $all and $all subscriptions, Streams.BatchAppend), built from the client's own generated protobuf
 * code, so the real client runs against it unchanged. It exists to reach the failure paths a healthy server rarely
 * shows (non-JSON system events, no caught-up signal, CANCELLED on shutdown, positions left out, a silent or absent
 * server); what it does where the server's behaviour is not documented is said beside each option.
 * Excluded from the package build (see tsconfig.json); only tests import it.
 */
import { createRequire } from "node:module";
import * as net from "node:net";
import { randomUUID } from "node:crypto";
import type * as StreamsPb from "@eventstore/db-client/generated/streams_pb.js";
import type * as StreamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import type * as SharedPb from "@eventstore/db-client/generated/shared_pb.js";
import type * as StatusPb from "@eventstore/db-client/generated/status_pb.js";
import type * as FeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import type * as FeaturesGrpc from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";

// The generated code and @grpc/grpc-js are the client's own dependencies: load them from where the client is, so
// that the model speaks exactly the protocol (and uses the same grpc-js) that the installed client does.
const here = createRequire(import.meta.url);
const fromClient = createRequire(here.resolve("@eventstore/db-client"));
const pb = fromClient("../generated/streams_pb.js") as typeof StreamsPb;
const grpcPb = fromClient("../generated/streams_grpc_pb.js") as typeof StreamsGrpc;
const shared = fromClient("../generated/shared_pb.js") as typeof SharedPb;
const statusPb = fromClient("../generated/status_pb.js") as typeof StatusPb;
const featuresPb = fromClient("../generated/serverfeatures_pb.js") as typeof FeaturesPb;
const featuresGrpc = fromClient("../generated/serverfeatures_grpc_pb.js") as typeof FeaturesGrpc;
const anyPb = fromClient("google-protobuf/google/protobuf/any_pb.js") as { Any: new () => { pack: (bytes: Uint8Array, name: string) => void } };
const emptyPb = fromClient("google-protobuf/google/protobuf/empty_pb.js") as { Empty: new () => never };

/** The part of @grpc/grpc-js the model uses (the package's types are not resolvable from this package). */
interface Grpc {
  readonly Server: new () => {
    addService: (service: unknown, implementation: object) => void;
    bindAsync: (address: string, credentials: unknown, callback: (error: Error | null, port: number) => void) => void;
    forceShutdown: () => void;
  };
  readonly ServerCredentials: { readonly createInsecure: () => unknown };
  readonly status: { readonly CANCELLED: number; readonly UNAVAILABLE: number; readonly FAILED_PRECONDITION: number; readonly INVALID_ARGUMENT: number };
}
const grpc = fromClient("@grpc/grpc-js") as Grpc;

/** 2^64 − 1: what the server sends where it has no position for an event. */
export const noPosition = 18446744073709551615n;

/** Which server behaviours the model shows. */
export interface ModelOptions {
  /** Subscriptions send CaughtUp after the stored events, as servers from 23.10 do; false: never, as before 23.10. Default true. */
  readonly caughtUp?: boolean;
  /**
   * Positions of events of multi-event appends in stream reads and append results: "unreported" sends 2^64 − 1
   * for both numbers (what issue 18 reports of current versions), "real" sends the $all position. Default "unreported".
   */
  readonly multiEventPositions?: "real" | "unreported";
  /** The server's maximum append size in bytes of data and metadata (the server's default is 1 MiB). */
  readonly maxAppendSize?: number;
  /** The version the server-features call reports. Default "24.10.0". */
  readonly version?: string;
  /** The loopback port to listen on; default a free one. */
  readonly port?: number;
}

/** A raw event as the model stores it. */
interface Stored {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly created: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
  /** Part of an append of more than one event. */
  readonly multi: boolean;
}

/** A raw event to seed the model with (system events, links, non-JSON payloads). */
export interface RawEvent {
  readonly type: string;
  readonly data: string | Uint8Array;
  readonly contentType?: string;
  readonly metadata?: string | Uint8Array;
  readonly id?: string;
}

/** A running model, listening on loopback. */
export interface EsdbModel {
  /** An insecure connection string for it. */
  readonly connectionString: string;
  readonly port: number;
  /** Appends raw events to a stream in one write (no expected-revision check). */
  readonly seed: (stream: string, events: readonly RawEvent[]) => void;
  /** Read calls (reads and subscriptions) the server still has open. */
  readonly openReads: () => number;
  /** Subscriptions started so far. */
  readonly subscriptionsStarted: () => number;
  /** Subscriptions open now. */
  readonly openSubscriptions: () => number;
  /** Ends every open subscription with a status, as a node shutting down does (CANCELLED from 24.4, per the client's changelog). */
  readonly endSubscriptions: (status?: "CANCELLED" | "UNAVAILABLE") => void;
  /** The number of events in $all. */
  readonly size: () => number;
  readonly close: () => Promise<void>;
}

const utf8 = (s: string | Uint8Array): Uint8Array => (typeof s === "string" ? new Uint8Array(Buffer.from(s, "utf8")) : s);
const compare = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }): number =>
  a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;

type Filter = (e: Stored) => boolean;

const filterOf = (o: StreamsPb.ReadReq.Options): Filter => {
  if (!o.hasFilter()) return () => true;
  const f = o.getFilter()!;
  const on = f.hasEventType() ? f.getEventType()! : f.getStreamIdentifier()!;
  const regex = on.getRegex() === "" ? null : new RegExp(on.getRegex());
  const prefixes = on.getPrefixList();
  const field = f.hasEventType() ? (e: Stored) => e.type : (e: Stored) => e.stream;
  return (e) => (regex === null || regex.test(field(e))) && (prefixes.length === 0 || prefixes.some((p) => field(e).startsWith(p)));
};

/** Starts a model on a free loopback port. */
export const startModel = async (options: ModelOptions = {}): Promise<EsdbModel> => {
  const caughtUp = options.caughtUp ?? true;
  const multiPositions = options.multiEventPositions ?? "unreported";
  const maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
  const all: Stored[] = [];
  const streams = new Map<string, Stored[]>();
  let log = 1000n; // the first records of a real log are the server's own; user events never start at 0
  const openReads = new Set<object>();
  const live = new Set<{ call: { write: (m: StreamsPb.ReadResp) => boolean; emit: (e: string, x: unknown) => boolean }; filter: Filter }>();
  let subscriptionsStarted = 0;

  const write = (stream: string, events: readonly RawEvent[]): Stored[] => {
    const existing = streams.get(stream) ?? [];
    const multi = events.length > 1;
    const prepares = events.map((_, i) => log + BigInt(i) * 100n);
    const commit = multi ? log + BigInt(events.length) * 100n : log;
    log = commit + 100n;
    const created = BigInt(Date.now()) * 10_000n;
    const written = events.map<Stored>((e, i) => ({
      stream,
      revision: BigInt(existing.length + i),
      id: e.id ?? randomUUID(),
      type: e.type,
      contentType: e.contentType ?? "application/json",
      data: utf8(e.data),
      metadata: utf8(e.metadata ?? ""),
      created,
      commit,
      prepare: prepares[i]!,
      multi,
    }));
    streams.set(stream, [...existing, ...written]);
    all.push(...written);
    for (const s of live) for (const e of written) if (s.filter(e)) s.call.write(eventResp(e, true));
    return written;
  };

  const recorded = (e: Stored, fromAll: boolean): StreamsPb.ReadResp.ReadEvent.RecordedEvent => {
    const r = new pb.ReadResp.ReadEvent.RecordedEvent();
    const id = new shared.UUID();
    id.setString(e.id);
    r.setId(id);
    const sid = new shared.StreamIdentifier();
    sid.setStreamName(utf8(e.stream));
    r.setStreamIdentifier(sid);
    r.setStreamRevision(e.revision.toString());
    const hide = !fromAll && e.multi && multiPositions === "unreported";
    r.setCommitPosition((hide ? noPosition : e.commit).toString());
    r.setPreparePosition((hide ? noPosition : e.prepare).toString());
    r.getMetadataMap().set("type", e.type);
    r.getMetadataMap().set("content-type", e.contentType);
    r.getMetadataMap().set("created", e.created.toString());
    r.setCustomMetadata(e.metadata);
    r.setData(e.data);
    return r;
  };

  const eventResp = (e: Stored, fromAll: boolean): StreamsPb.ReadResp => {
    const ev = new pb.ReadResp.ReadEvent();
    ev.setEvent(recorded(e, fromAll));
    if (fromAll) ev.setCommitPosition(e.commit.toString());
    else ev.setNoPosition(new shared.Empty());
    const resp = new pb.ReadResp();
    resp.setEvent(ev);
    return resp;
  };

  const read: StreamsGrpc.IStreamsServer["read"] = (call) => {
    openReads.add(call);
    call.on("cancelled", () => openReads.delete(call));
    call.on("finish", () => openReads.delete(call));
    const o = call.request.getOptions()!;
    const count = o.hasCount() ? BigInt(o.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
    const backwards = o.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const send = (events: readonly Stored[], fromAll: boolean) => {
      for (const e of events) call.write(eventResp(e, fromAll));
    };
    if (o.hasStream()) {
      const so = o.getStream()!;
      const name = Buffer.from(so.getStreamIdentifier()!.getStreamName_asU8()).toString("utf8");
      const events = streams.get(name);
      if (events === undefined) {
        const nf = new pb.ReadResp.StreamNotFound();
        nf.setStreamIdentifier(so.getStreamIdentifier());
        const resp = new pb.ReadResp();
        resp.setStreamNotFound(nf);
        call.write(resp);
        call.end();
        return;
      }
      const from = so.hasRevision() ? BigInt(so.getRevision()) : so.hasEnd() ? BigInt(events.length - 1) : backwards ? BigInt(events.length - 1) : 0n;
      const chosen = (backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from)).slice(0, Number(count));
      send(chosen, false);
      call.end();
      return;
    }
    const ao = o.getAll()!;
    const at = ao.hasPosition() ? { commit: BigInt(ao.getPosition()!.getCommitPosition()), prepare: BigInt(ao.getPosition()!.getPreparePosition()) } : null;
    if (o.hasSubscription()) {
      subscriptionsStarted++;
      const filter = filterOf(o);
      const confirmation = new pb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(randomUUID());
      const c = new pb.ReadResp();
      c.setConfirmation(confirmation);
      call.write(c);
      // A subscription from a position is exclusive of it; from the end it sends nothing stored.
      const stored = ao.hasEnd() ? [] : all.filter((e) => (at === null || compare(e, at) > 0) && filter(e));
      send(stored, true);
      if (caughtUp) {
        const r = new pb.ReadResp();
        r.setCaughtUp(new pb.ReadResp.CaughtUp());
        call.write(r);
      }
      const entry = { call, filter };
      live.add(entry);
      const leave = () => {
        live.delete(entry);
        openReads.delete(call);
      };
      call.on("cancelled", leave);
      call.on("finish", leave);
      return;
    }
    // Reads of $all: forwards from a position include the event at it (the adapter skips it); backwards from the end.
    const chosen = backwards
      ? all.filter((e) => at === null || ao.hasEnd() || compare(e, at) < 0).reverse()
      : all.filter((e) => at === null || compare(e, at) >= 0);
    send(chosen.slice(0, Number(count)), true);
    call.end();
  };

  const batchAppend: StreamsGrpc.IStreamsServer["batchAppend"] = (call) => {
    const pending = new Map<string, { options: StreamsPb.BatchAppendReq.Options; messages: StreamsPb.BatchAppendReq.ProposedMessage[] }>();
    call.on("data", (req: StreamsPb.BatchAppendReq) => {
      const correlation = req.getCorrelationId()!.getString();
      const p = pending.get(correlation) ?? { options: req.getOptions()!, messages: [] };
      pending.set(correlation, p);
      p.messages.push(...req.getProposedMessagesList());
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      call.write(append(correlation, p.options, p.messages));
    });
    call.on("end", () => call.end());
  };

  const append = (correlation: string, o: StreamsPb.BatchAppendReq.Options, messages: readonly StreamsPb.BatchAppendReq.ProposedMessage[]): StreamsPb.BatchAppendResp => {
    const stream = Buffer.from(o.getStreamIdentifier()!.getStreamName_asU8()).toString("utf8");
    const resp = new pb.BatchAppendResp();
    const cid = new shared.UUID();
    cid.setString(correlation);
    resp.setCorrelationId(cid);
    resp.setStreamIdentifier(o.getStreamIdentifier());
    const fail = (code: number, typeName: string, detail: { serializeBinary: () => Uint8Array }, message: string) => {
      const s = new statusPb.Status();
      s.setCode(code);
      s.setMessage(message);
      const any = new anyPb.Any();
      any.pack(detail.serializeBinary(), typeName);
      s.setDetails(any as never);
      resp.setError(s);
      return resp;
    };
    const succeed = (events: readonly Stored[]) => {
      const ok = new pb.BatchAppendResp.Success();
      const last = events.at(-1)!;
      ok.setCurrentRevision(last.revision.toString());
      const position = new shared.AllStreamPosition();
      const hide = last.multi && multiPositions === "unreported";
      position.setCommitPosition((hide ? noPosition : last.commit).toString());
      position.setPreparePosition((hide ? noPosition : last.prepare).toString());
      ok.setPosition(position);
      resp.setSuccess(ok);
      return resp;
    };
    const size = messages.reduce((n, m) => n + m.getData_asU8().length + m.getCustomMetadata_asU8().length, 0);
    if (size > maxAppendSize) {
      const d = new shared.MaximumAppendSizeExceeded();
      d.setMaxappendsize(maxAppendSize);
      return fail(grpc.status.INVALID_ARGUMENT, "event_store.client.MaximumAppendSizeExceeded", d, "");
    }
    const existing = streams.get(stream) ?? [];
    const ids = messages.map((m) => m.getId()!.getString());
    const E = pb.BatchAppendReq.Options.ExpectedStreamPositionCase;
    const expected = o.getExpectedStreamPositionCase();
    const exact = expected === E.STREAM_POSITION ? BigInt(o.getStreamPosition()) : null;
    // Idempotence is per stream, as on the server: the same ids at the place the expectation names are already done.
    const start = expected === E.NO_STREAM ? 0 : exact !== null ? Number(exact) + 1 : existing.findIndex((e) => e.id === ids[0]);
    if (start >= 0 && ids.length > 0 && ids.every((id, i) => existing[start + i]?.id === id)) return succeed(existing.slice(start, start + ids.length));
    const current = existing.length === 0 ? null : BigInt(existing.length - 1);
    const wrong =
      (expected === E.NO_STREAM && current !== null) || (expected === E.STREAM_EXISTS && current === null) || (exact !== null && current !== exact);
    if (wrong) {
      const d = new shared.WrongExpectedVersion();
      if (current === null) d.setCurrentNoStream(new emptyPb.Empty());
      else d.setCurrentStreamRevision(current.toString());
      if (exact !== null) d.setExpectedStreamPosition(exact.toString());
      else if (expected === E.NO_STREAM) d.setExpectedNoStream(new emptyPb.Empty());
      else d.setExpectedStreamExists(new emptyPb.Empty());
      return fail(grpc.status.FAILED_PRECONDITION, "event_store.client.WrongExpectedVersion", d, "wrong expected version");
    }
    const written = write(
      stream,
      messages.map((m) => ({
        id: m.getId()!.getString(),
        type: m.getMetadataMap().get("type") ?? "",
        contentType: m.getMetadataMap().get("content-type") ?? "application/octet-stream",
        data: m.getData_asU8(),
        metadata: m.getCustomMetadata_asU8(),
      })),
    );
    return succeed(written);
  };

  const getSupportedMethods: FeaturesGrpc.IServerFeaturesServer["getSupportedMethods"] = (_call, callback) => {
    const methods = new featuresPb.SupportedMethods();
    methods.setEventStoreServerVersion(options.version ?? "24.10.0");
    methods.setMethodsList(
      ["read", "batchappend"].map((name) => {
        const m = new featuresPb.SupportedMethod();
        m.setServiceName("event_store.client.streams.streams");
        m.setMethodName(name);
        return m;
      }),
    );
    callback(null, methods);
  };

  const server = new grpc.Server();
  const unimplemented = (_call: unknown, callback: (e: { code: number; details: string }) => void) => callback({ code: 12, details: "not in the model" });
  server.addService(grpcPb.StreamsService, { read, batchAppend, append: unimplemented, delete: unimplemented, tombstone: unimplemented });
  server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e === null ? resolve(p) : reject(e))),
  );

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    seed: (stream, events) => void write(stream, events),
    openReads: () => openReads.size,
    subscriptionsStarted: () => subscriptionsStarted,
    openSubscriptions: () => live.size,
    endSubscriptions: (status = "CANCELLED") => {
      for (const s of [...live]) {
        live.delete(s);
        s.call.emit("error", { code: grpc.status[status], details: status === "CANCELLED" ? "Call canceled by the server (shutting down)" : "Server shutting down" });
      }
    },
    size: () => all.length,
    close: async () => server.forceShutdown(),
  };
};

/** A TCP listener that accepts connections and never answers: what a hung server or a wrong port looks like. */
export const startSilentServer = async (): Promise<{ readonly connectionString: string; readonly close: () => Promise<void> }> => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
};

/** A loopback port nothing listens on (bound, then released), so connecting to it is refused. */
export const refusedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};
