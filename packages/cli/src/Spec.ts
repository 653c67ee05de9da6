/**
 * The command-line surface, declared once: every command, its arguments and
 * options with their defaults. `--help` and docs/cli.md are both generated
 * from this table, so they cannot drift apart.
 */
import { wrapWords } from "./Render.ts";

/** One option of a command. */
export interface OptionSpec {
  readonly name: string;
  /** The value's placeholder; absent for a boolean flag. */
  readonly arg?: string;
  readonly description: string;
  /** May be given more than once. */
  readonly repeat?: boolean;
}

/** One command. */
export interface CommandSpec {
  readonly name: string;
  readonly synopsis: string;
  readonly summary: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  /** Minimum and maximum positional arguments. */
  readonly positionals: readonly [number, number];
  readonly examples: readonly string[];
}

const store: OptionSpec = {
  name: "store",
  arg: "PATH|URL",
  description:
    "The event store: a SQLite file, an EventStoreDB connection string (esdb://, esdb+discover://, kurrentdb://), or memory: (this process only). Default: $FACTS_STORE, else ./factledger.db.",
};
const json: OptionSpec = { name: "json", description: "Machine output on stdout (the JSON shapes of CONTRACT.md), nothing else on stdout." };
const debug: OptionSpec = { name: "debug", description: "On an unexpected error, print the stack trace." };
const knownAt: OptionSpec = {
  name: "known-at",
  arg: "YYYY-MM-DD",
  description: "Use only what was published (known) on or before this day; an undated article counts as known from the day it was recorded (date it with 'facts date'). Default: today.",
};
const through: OptionSpec = { name: "through", arg: "YYYY-MM-DD", description: "Count what happened on or before this day. Default: the --known-at day." };
const position: OptionSpec = {
  name: "position",
  arg: "N",
  description: "Use only events this system had recorded up to this global position (a number, or the commit and prepare positions as two numbers, 100/100): audits analyst corrections.",
};
const common = [store, json, debug];
const analyst: OptionSpec = { name: "analyst", arg: "NAME", description: "Who. Default: $USER." };
const readers = [knownAt, through, position, ...common];
const since: OptionSpec = { name: "since", arg: "YYYY-MM-DD", description: "Count only what happened on or after this day (a window total: how many came home since then). Default: from the beginning." };
/** The options of the commands about one total (audit, timeline). */
const oneTotal: readonly OptionSpec[] = [
  { name: "metric", arg: "M", description: "The metric (required)." },
  { name: "direction", arg: "D", description: "The direction (required)." },
  { name: "known-at", arg: "YYYY-MM-DD", description: "As known on this day: only the changes up to it. Default: everything known." },
  { name: "through", arg: "YYYY-MM-DD", description: "Count what happened on or before this day. Default: the --known-at day when it is given, else today (as totals counts)." },
  { name: "format", arg: "text|jsonl", description: "Output format (ignored with --json); jsonl is one row a line, each an element of the --json array. Default: text." },
  position,
  ...common,
];

/**
 * Every command. The analyst examples name claim ids of the seeds as the current extractor reads them; ids carry
 * the extractor's version, so a version bump changes them (`test/examples.e2e.test.ts` runs every example and fails
 * on a stale one: take the new id from `facts claims --json` on the seeds).
 */
export const commands: readonly CommandSpec[] = [
  {
    name: "ingest",
    synopsis: "facts ingest <file-or-dir>... [--published YYYY-MM-DD] [--outlet NAME] [--url URL] [--manifest FILE]",
    summary: "Record articles and their claims as immutable events.",
    description:
      "Reads each text file (a directory: its *.txt files; a manifest.json beside the files, or in their parent folder, or given with --manifest, gives url, outlet and publishedAt per file), extracts its claims and records the article and its claims in one atomic append. Re-ingesting the same text changes nothing. Bad files (empty, binary, not UTF-8, larger than 10 MB) are listed and the good ones are still recorded; the exit code is then 1.",
    options: [
      { name: "published", arg: "YYYY-MM-DD", description: "Publication date for every file given (wins over manifest and text)." },
      { name: "outlet", arg: "NAME", description: "Outlet for every file given." },
      { name: "url", arg: "URL", description: "URL for every file given." },
      { name: "manifest", arg: "FILE", description: "Metadata per file name ({\"a.txt\": {publishedAt, outlet, url}}). Default: manifest.json beside the files, else in their parent folder." },
      { name: "quiet", description: "No progress on stderr (a bar on a terminal; elsewhere a line per file, or per 100 files past 200)." },
      ...common,
    ],
    positionals: [1, Infinity],
    examples: ["facts ingest seeds/", "facts ingest seeds/002_3a353692aa7652b2.txt --published 2025-06-14 --outlet Reuters"],
  },
  {
    name: "extract",
    synopsis: "facts extract <file> [--published YYYY-MM-DD] [--outlet NAME] [--url URL] [--manifest FILE] [--json]",
    summary: "Print what ingest would record for a file, touching no store.",
    description: "Runs the extractor on one file and prints the article metadata (and how each field was learned) and every claim.",
    options: [
      { name: "published", arg: "YYYY-MM-DD", description: "Publication date (wins over manifest and text)." },
      { name: "outlet", arg: "NAME", description: "Outlet." },
      { name: "url", arg: "URL", description: "URL." },
      { name: "manifest", arg: "FILE", description: "Metadata per file name, as for ingest." },
      { ...store, description: "Accepted and ignored, so that a script can pass --store to every command: extract opens no store." },
      json,
      debug,
    ],
    positionals: [1, 1],
    examples: ["facts extract seeds/004_aed729b3b5d47801.txt --json"],
  },
  {
    name: "claims",
    synopsis: "facts claims [--metric M] [--direction D] [--known-at D] [--through D] [--format table|csv|jsonl] [--json]",
    summary: "List every claim with its source.",
    description:
      "Every claim known on --known-at (after analyst corrections and rejections in force then), with its article, outlet and publication date. Every format is written as a stream (in chunks, as fast as the reader takes them), so a pipe gets every byte; jsonl is one claim a line, each the object --json lists; csv quotes fields as RFC 4180 says and prefixes a text field that starts with =, +, - or @ with ' so that no spreadsheet runs it.",
    options: [
      { name: "metric", arg: "M", description: "Only this metric." },
      { name: "direction", arg: "D", description: "Only this direction (each_side claims count toward every party)." },
      { name: "format", arg: "table|csv|jsonl", description: "Output format (ignored with --json). Default: table." },
      { name: "known-at", arg: "YYYY-MM-DD", description: "Only claims known on or before this day (undated articles: from the day recorded). Default: every claim." },
      { name: "through", arg: "YYYY-MM-DD", description: "Only claims about what happened on or before this day (claims with no day are kept). Default: all." },
      position,
      ...common,
    ],
    positionals: [0, 0],
    examples: ["facts claims --metric bodies_returned --direction to_ukraine", "facts claims --format csv > claims.csv", "facts claims --format jsonl --known-at 2025-06-20 | head -n 2"],
  },
  {
    name: "totals",
    synopsis: "facts totals [--known-at D] [--through D] [--since D] [--json]",
    summary: "Reconciled running totals, agreement progress and offers.",
    description: "Running totals per metric and direction: every event and cumulative figure bounds the count over its window of days, and the total is the tightest range those bounds allow, with a best figure inside it (docs/reconciliation.md); through a day after the last report the range has no ceiling (\"≥ N\"), since nothing is known of those days. Also the progress of every agreement and the offers made by one side, as known on --known-at, counting what happened on or before --through; --since windows the running totals only, since an agreement counts over its own scope (from the day it was made).",
    options: [knownAt, through, since, position, ...common],
    positionals: [0, 0],
    examples: ["facts totals --known-at 2025-05-24", "facts totals --known-at 2025-06-30 --through 2025-06-20 --json", "facts totals --since 2025-06-11 --through 2025-06-27 --json"],
  },
  {
    name: "discrepancies",
    synopsis: "facts discrepancies [--known-at D] [--through D] [--format text|jsonl] [--width N] [--full] [--json]",
    summary: "Every fact on which sources disagree, with every version.",
    description:
      "Conflicting versions of one fact, cumulative counts that fell, events adding up to more than a cumulative figure, and asymmetric phases of N-for-N swaps of people (not of bodies). The text fits --width columns: an explanation that a figure cannot hold with many others names the three largest and says how many more (with their sum when they count days that do not overlap), long lines are wrapped or cut with \"…\", and a last line says how many discrepancies were shortened. --full prints every figure and whole names, however wide (a quoted sentence is cut to one line either way); --json and jsonl carry every field whole.",
    options: [
      { name: "format", arg: "text|jsonl", description: "Output format (ignored with --json); jsonl is one discrepancy a line. Default: text." },
      { name: "width", arg: "N", description: "Columns of the text (explanations are shortened and wrapped, long attributions cut). Default: 100." },
      { name: "full", description: "Text with every figure of every explanation and whole names (attributions, outlets), however wide." },
      ...readers,
    ],
    positionals: [0, 0],
    examples: ["facts discrepancies --json", "facts discrepancies --known-at 2025-06-30 --width 80"],
  },
  {
    name: "audit",
    synopsis: "facts audit --metric M --direction D [--known-at D] [--through D] [--format text|jsonl] [--json]",
    summary: "How one total changed, claim by claim.",
    description: "Replays knowledge day by day and article by article; one row per change of the total, with the outlet, day and sentences of the claims that caused it (or the analyst amendment), the value before and after, and any analyst's dating of those articles. The total of a whole counts its parts (prisoners returned: soldiers and civilians returned), so the last change is the figure 'facts totals' gives with the same --known-at and --through.",
    options: oneTotal,
    positionals: [0, 0],
    examples: ["facts audit --metric prisoners_returned --direction to_ukraine"],
  },
  {
    name: "timeline",
    synopsis: "facts timeline --metric M --direction D [--known-at D] [--through D] [--format text|jsonl] [--json]",
    summary: "A total as known on each day that it changed.",
    description: "The audit summarised per knowledge day.",
    options: oneTotal,
    positionals: [0, 0],
    examples: ["facts timeline --metric bodies_returned --direction to_ukraine --json", "facts timeline --metric prisoners_returned --direction to_ukraine --format jsonl"],
  },
  {
    name: "report",
    synopsis: "facts report [--known-at D] [--through D] [--format text|md|html] [--full] [--width N] [--json]",
    summary: "One screen for a reporter: agreements, totals, sources, discrepancies.",
    description:
      "Leads with one screen: agreement progress, the running totals with their bounds, the five widest discrepancies (who said what, where, when) and what is undated, including how many undated articles were recorded after --known-at and so sit outside a past view. --full prints everything: every total with its basis and sources, offers, every discrepancy with its versions and sentences, every undated article. Text and Markdown say the same things.",
    options: [
      { name: "format", arg: "text|md|html", description: "Human output format; md is Markdown for pasting into a newsroom document; html is the dashboard of 'facts serve' as one self-contained page (no server, no network; --known-at and --through set its first view). Default: text." },
      { name: "full", description: "Everything, not one screen." },
      { name: "width", arg: "N", description: "Columns of the one-screen report (lines are cut to it). Default: 100." },
      ...readers,
    ],
    positionals: [0, 0],
    examples: ["facts report", "facts report --known-at 2025-05-24 --format md"],
  },
  {
    name: "serve",
    synopsis: "facts serve [--store ...] [--port 4000] [--host 127.0.0.1]",
    summary: "A local dashboard and JSON API over the store, following it live.",
    description:
      "Starts a web server over the store: the page (timelines per figure, known-at and through sliders kept in the URL, agreements, discrepancies, audits, articles with their claims marked) and /api/totals, /api/agreements, /api/discrepancies, /api/audit, /api/timeline, /api/claims, /api/articles, taking the read commands' options as query parameters and answering their --json shapes (docs/web.md). New events in the store reach open pages without a reload. Binds to 127.0.0.1 unless --host says otherwise; Ctrl-C stops it.",
    options: [
      { name: "port", arg: "N", description: "Port to listen on (0: a free one). Default: 4000." },
      { name: "host", arg: "HOST", description: "Address to bind. Default: 127.0.0.1 (this machine only)." },
      ...common,
    ],
    positionals: [0, 0],
    examples: ["./facts serve", "./facts serve --port 8080 --host 127.0.0.1"],
  },
  {
    name: "reextract",
    synopsis: "facts reextract [--json]",
    summary: "Read every article again with this extractor version.",
    description: "For each article whose claims came from another extractor version, records an ArticleReextracted event and the new claims; the old claims stay in history, superseded. Articles already read by this version are left alone.",
    options: common,
    positionals: [0, 0],
    examples: ["facts reextract"],
  },
  {
    name: "correct",
    synopsis: "facts correct <claim-id> --reason TEXT [--value N] [--qualifier Q] [--metric M] [--direction D] [--kind K] [--valid-from D] [--valid-to D] [--attributed-to NAME] [--commitment agreed|offered]",
    summary: "Record an analyst's correction of a claim (effective from today).",
    description: "Appends a ClaimCorrected event; the reported claim itself is never edited. Takes effect from the day it is recorded.",
    options: [
      { name: "reason", arg: "TEXT", description: "Why (required)." },
      analyst,
      { name: "value", arg: "N|null", description: "Corrected value." },
      { name: "qualifier", arg: "Q", description: "Corrected qualifier." },
      { name: "metric", arg: "M", description: "Corrected metric." },
      { name: "direction", arg: "D", description: "Corrected direction." },
      { name: "kind", arg: "K", description: "Corrected kind." },
      { name: "valid-from", arg: "D|null", description: "Corrected start day." },
      { name: "valid-to", arg: "D|null", description: "Corrected end day." },
      { name: "commitment", arg: "agreed|offered", description: "Of a target: a deal agreed by both sides, or an offer or pledge by one." },
      { name: "attributed-to", arg: "NAME", description: "Corrected claimant." },
      ...common,
    ],
    positionals: [1, 1],
    examples: ["facts correct cd997f3fd0353829f308f7739 --qualifier at_least --reason \"a count so far, not an exact total\""],
  },
  {
    name: "reject",
    synopsis: "facts reject <claim-id> --reason TEXT [--analyst NAME]",
    summary: "Record an analyst's rejection of a claim (effective from today).",
    description: "Appends a ClaimRejected event; the claim stays in history and stops counting from the day it is recorded.",
    options: [{ name: "reason", arg: "TEXT", description: "Why (required)." }, analyst, ...common],
    positionals: [1, 1],
    examples: ["facts reject c7273245b56adefae3d69199c --reason \"a remark that no figure is published, not a claim\""],
  },
  {
    name: "link",
    synopsis: "facts link <claim-id> --agreed-on YYYY-MM-DD [--agreement-value N] --reason TEXT [--analyst NAME]",
    summary: "Record that a claim counts under an agreement (effective from today).",
    description: "Appends a ClaimCorrected event that sets the claim's agreement to the one made on --agreed-on: a cumulative figure then counts over that agreement's window, and an event counts toward that agreement. The claim itself is never edited; 'facts unlink' undoes it the same way.",
    options: [
      { name: "agreed-on", arg: "YYYY-MM-DD", description: "The day the agreement was made (required)." },
      { name: "agreement-value", arg: "N", description: "The agreement's figure, if known." },
      { name: "reason", arg: "TEXT", description: "Why (required)." },
      analyst,
      ...common,
    ],
    positionals: [1, 1],
    examples: ["facts link c6bb9544e1f4551772eaa1255 --agreed-on 2025-06-02 --reason \"'500 so far' is progress under the June 2 deal\""],
  },
  {
    name: "unlink",
    synopsis: "facts unlink <claim-id> --reason TEXT [--analyst NAME]",
    summary: "Record that a claim counts under no agreement (effective from today).",
    description: "Appends a ClaimCorrected event that clears the claim's agreement: a cumulative figure of no other scope then has an unknown scope, and an event counts toward whichever agreement its day falls under.",
    options: [{ name: "reason", arg: "TEXT", description: "Why (required)." }, analyst, ...common],
    positionals: [1, 1],
    examples: ["facts unlink c6bb9544e1f4551772eaa1255 --reason \"not part of that deal\""],
  },
  {
    name: "add-claim",
    synopsis: "facts add-claim --metric M --direction D --kind K (--value N [--qualifier Q] | --undisclosed) --attributed-to NAME --reason TEXT [--valid-from D] [--valid-to D] [--article ID]",
    summary: "Record an analyst's own claim (a manual ClaimReported, known from today).",
    description: "For a figure that no ingested article gives in a readable form (a press conference, a table, a correction published elsewhere). It counts like any claim of its claimant from the day it is recorded.",
    options: [
      { name: "metric", arg: "M", description: "Metric (required)." },
      { name: "direction", arg: "D", description: "Direction (required)." },
      { name: "kind", arg: "K", description: "event, cumulative, target or stock (required)." },
      { name: "value", arg: "N", description: "The figure." },
      { name: "qualifier", arg: "Q", description: "Qualifier of the figure. Default: exact." },
      { name: "undisclosed", description: "The figure exists but was not given." },
      { name: "valid-from", arg: "YYYY-MM-DD", description: "First day the figure refers to." },
      { name: "valid-to", arg: "YYYY-MM-DD", description: "Last day (the as-of day of a cumulative figure)." },
      { name: "attributed-to", arg: "NAME", description: "Who said it (required)." },
      { name: "article", arg: "ID", description: "The article it comes from, if any." },
      { name: "reason", arg: "TEXT", description: "Where it comes from (required); kept as its evidence." },
      analyst,
      ...common,
    ],
    positionals: [0, 0],
    examples: ["facts add-claim --metric bodies_returned --direction to_ukraine --kind event --value 1212 --valid-from 2025-06-14 --valid-to 2025-06-14 --attributed-to \"Coordination Headquarters\" --reason \"press briefing, 14 June\""],
  },
  {
    name: "date",
    synopsis: "facts date <article-id> YYYY-MM-DD [--reason TEXT] [--analyst NAME]",
    summary: "Record an article's publication day (an undated one, or a wrong day).",
    description:
      "Appends an ArticleDated event to the article's stream; the article text and its recorded metadata are never edited. Every view read after it counts the article (and the claims read from it) as published that day, so an undated article enters past --known-at views; a view at an earlier --position still shows the old day, and the audit names the dating. Re-ingesting a known text with a day it does not have prints this command.",
    options: [{ name: "reason", arg: "TEXT", description: "Why. Default: \"dated by an analyst\"." }, analyst, ...common],
    positionals: [2, 2],
    examples: ["facts date 48ccf5715a0a9d9bda80405975655cdc 2025-06-15 --reason \"the outlet's page gives June 15\""],
  },
  {
    name: "follow",
    synopsis: "facts follow [--read-model FILE] [--once] [--json]",
    summary: "Keep a read model current by following the log (a projection runner).",
    description:
      "Subscribes to the store's log from the read model's checkpoint and applies each event to the read model (SQLite tables of articles, claims and amendments) in the same transaction as the new checkpoint, so that after a restart it resumes without missing or double-counting an event. --once catches up and exits.",
    options: [
      { name: "read-model", arg: "FILE", description: "The read model file (its own SQLite file). Default: beside an embedded store (x.db → x-read.db), else ./factledger-read.db." },
      { name: "once", description: "Catch up, then exit." },
      ...common,
    ],
    positionals: [0, 0],
    examples: ["facts follow --once", "facts follow --store esdb://localhost:2113?tls=false --read-model newsroom.db"],
  },
  {
    name: "migrate",
    synopsis: "facts migrate --store PATH|URL --to PATH|URL [--json]",
    summary: "Copy every event of one store into another, preserving order, ids and revisions.",
    description:
      "Reads the source log in order and appends each stream's events to the target with the same event ids and revisions, one append per source append (each whole or not at all); any two registered stores (SQLite files, EventStoreDB, memory:). The target is made when it is a new file. Resumable: when the source is a file, a checkpoint in it (its own table, so the source file is written to) records how far it got; a run killed or stopped by a fault (a full disk) is finished by running it again, and events the target already has are recognised by their ids and skipped. A checkpoint is not trusted for a target that holds no events (removed or replaced since): the copy starts again. A target whose stream holds other events is refused (a conflict), not merged.",
    options: [
      { ...store, description: "The store to copy from (required; --from is the same)." },
      { name: "from", arg: "PATH|URL", description: "Same as --store." },
      { name: "to", arg: "PATH|URL", description: "The target store (required)." },
      json,
      debug,
    ],
    positionals: [0, 0],
    examples: ["facts migrate --store factledger.db --to esdb://localhost:2113?tls=false"],
  },
  {
    name: "verify",
    synopsis: "facts verify [--store PATH] [--json]",
    summary: "Check the log end to end: its hash chain, the file's integrity, every event's codec.",
    description:
      "Recomputes the hash chain from the first event (each event's SHA-256 covers the previous hash and its own position, stream, revision, id, type, data, metadata and recording time; docs/events.md), runs SQLite's PRAGMA integrity_check and decodes every event through the core's codecs. Exit 0 when all of it passes, printing the head (last position and hash: publish it, and a later verify that reaches it proves the history unchanged); exit 1 naming the first bad position and why. Only the embedded store keeps a chain: on EventStoreDB or memory: it says so and exits 1.",
    options: common,
    positionals: [0, 0],
    examples: ["facts verify", "facts verify --json"],
  },
  {
    name: "export",
    synopsis: "facts export [--store PATH] [--out FILE] [--json]",
    summary: "Write the whole log as newline-delimited JSON, one event a line with its hash.",
    description:
      "One line per event in position order: position, streamId, revision, eventId, type, data, metadata, recordedAt, hash. Without --out the archive is stdout and nothing else (a summary goes to stderr, left out with --json); with --out it is written beside FILE and renamed into place when complete, replacing a FILE that exists, so a failed or killed export never leaves a partial FILE (a killed one leaves its FILE.partial-… beside it, which the next export to FILE removes; --json then prints the summary as JSON). 'facts import' rebuilds the same store from it; the chain can be checked from the file alone. Only the embedded store keeps a chain: on EventStoreDB or memory: it says so and exits 1.",
    options: [{ name: "out", arg: "FILE", description: "Write the archive to FILE instead of stdout (refused in one line if FILE cannot be written, or is a folder)." }, ...common],
    positionals: [0, 0],
    examples: ["facts export --out factledger.ndjson"],
  },
  {
    name: "import",
    synopsis: "facts import FILE [--store PATH] [--json]",
    summary: "Rebuild a store from an export: the same ids, positions, times and hashes.",
    description:
      "Reads FILE a line at a time (memory grows only until SQLite's page cache is full, whatever the file's size), checks each line (its shape, positions 1..n, revisions per stream, unique event ids, the hash chain, each event's codec) and writes it, all in one transaction. A bad line refuses the file, naming the line; a write that fails (a full disk) stops in one line naming the store; either way the transaction is rolled back and a store this command made is removed, so nothing is half-imported. The store must be an embedded SQLite store, new or empty; one that already holds exactly this archive's log (an import run again) is left as it is and the command exits 0; any other store with events is refused. An empty file (what exporting an empty store writes) makes an empty store, with a note on stderr. The rebuilt store verifies and answers every query as the exported one did.",
    options: common,
    positionals: [1, 1],
    examples: ["facts import factledger.ndjson --store restored.db"],
  },
];

/** Help fits 100 columns (the width of `facts report`): text is wrapped at words, an option's or command's under its own column. */
export const HELP_WIDTH = 100;
const para = (text: string, indent = ""): string[] => wrapWords(text, HELP_WIDTH, indent, indent, false);
/** `  name  text`, the text wrapped under itself. */
const entry = (name: string, text: string): string[] => wrapWords(text, HELP_WIDTH, `  ${name}  `, " ".repeat(name.length + 4), false);

/** The overview printed by `facts --help`. */
export const overview = (): string => {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "facts: an auditable, event-sourced ledger of facts reported in the news",
    "",
    "Usage: facts <command> [options]",
    "",
    "Commands:",
    ...commands.flatMap((c) => entry(c.name.padEnd(width), c.summary)),
    "",
    ...para("Every command takes --store PATH|URL (default $FACTS_STORE, else ./factledger.db; extract accepts it and opens no store); every command takes --json and --debug."),
    ...para("Exit codes: 0 success, 1 user error (bad input, unknown article, bad date), 2 usage error."),
    ...para(
      "Environment: FACTS_STORE (default store), FACTS_TODAY=YYYY-MM-DD (fixes the clock, for reproducible runs), FACTS_BUSY_TIMEOUT_MS (how long to wait for another writer's lock, default 5000), NO_COLOR.",
    ),
    "Run 'facts <command> --help' for a command's options.",
  ].join("\n");
};

/** The help of one command; `prog` is how its examples call the CLI ("facts", or "./facts" from the checkout). */
export const commandHelp = (c: CommandSpec, prog = "facts"): string => {
  const flags = c.options.map((o) => `--${o.name}${o.arg === undefined ? "" : ` ${o.arg}`}`);
  const width = Math.max(...flags.map((f) => f.length));
  return [
    ...para(`Usage: ${c.synopsis}`),
    "",
    ...para(c.summary),
    "",
    ...c.description.split("\n").flatMap((p) => (p === "" ? [""] : para(p))),
    "",
    "Options:",
    ...c.options.flatMap((o, i) => entry(flags[i]!.padEnd(width), o.description)),
    ...entry("--help".padEnd(width), "Show this help."),
    "",
    "Examples:",
    ...c.examples.map((e) => `  ${e.replace(/^facts /, `${prog} `)}`),
  ].join("\n");
};

/** docs/cli.md, generated. */
export const markdown = (): string =>
  [
    "# CLI reference",
    "",
    "<!-- Generated by `npx -y pnpm@10 docs:cli` (`./facts help --markdown > docs/cli.md`); a test fails when this file and `--help` differ. -->",
    "",
    "Run from the repository root after the README's set-up, as `./facts <command>` (the launcher: Node and the built CLI, no pnpm needed). Every example below runs as printed there, after `./facts ingest seeds/`: `test/examples.e2e.test.ts` runs them in order in a scratch directory (those that need EventStoreDB only when `ESDB_CONNECTION_STRING` is set).",
    "",
    "```",
    overview(),
    "```",
    "",
    ...commands.flatMap((c) => [`## facts ${c.name}`, "", "```", commandHelp(c, "./facts"), "```", ""]),
  ].join("\n");
