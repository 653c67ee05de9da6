/*
 * The factledger page: figures as they were known on a day, source by source.
 * Vanilla JS and inline SVG, no library and no network beyond this server's
 * /api/ (or, in a self-contained report, the views embedded in the page).
 * Every string from the store (article text, claimant and outlet names) is
 * put in the page as text, never as markup.
 */
(() => {
  "use strict";

  // ------------------------------------------------------------------ data source: the API, or the report's views
  const embedded = document.getElementById("factledger-data");
  const report = embedded === null ? null : JSON.parse(embedded.textContent);
  const ORDER = ["known-at", "through", "metric", "direction", "id", "slim"];
  /** The report view of a slider position: slim from the server (Slim.ts: no slots, readings or checks), whole in a self-contained report. */
  const reportOf = (axes) => get("report", report === null ? { ...axes, slim: "1" } : axes);
  /** The canonical key of a request: the route and its parameters in a fixed order (the report is indexed by it). */
  const keyOf = (route, p) => {
    const s = new URLSearchParams();
    for (const k of ORDER) if (p[k] !== undefined && p[k] !== null) s.set(k, p[k]);
    const qs = s.toString();
    return qs === "" ? route : `${route}?${qs}`;
  };
  /**
   * A total's timeline or audit as known on day k, from the one known at any day: the app keeps the
   * changes up to k (Queries.changesOf), so the points and changes of days after k are dropped. The
   * report embeds these once per through-day instead of once per pair of days.
   */
  const asKnownOn = (route, whole, k) => {
    if (route === "timeline") return { ...whole, points: whole.points.filter((x) => x.day <= k) };
    const changes = whole.changes.filter((c) => c.knownAt <= k);
    return { ...whole, knownAt: k, changes, datings: [...new Map(changes.filter((c) => c.dated !== null).map((c) => [c.dated.articleId, c.dated])).values()] };
  };
  const get = async (route, p = {}) => {
    const key = keyOf(route, p);
    if (report !== null && (route === "timeline" || route === "audit") && p["known-at"] !== undefined) return asKnownOn(route, await get(route, { ...p, "known-at": undefined }), p["known-at"]);
    if (report !== null) {
      const i = report.keys[key];
      if (i === undefined) throw new Error(`this report has no view ${key}`);
      return report.blobs[i];
    }
    const r = await fetch(`api/${key}`);
    const body = await r.json();
    if (!r.ok) throw new Error(body.error);
    return body;
  };

  // ------------------------------------------------------------------ words and numbers
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const day = (d) => (d === null || d === undefined ? "undated" : `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`);
  const shortDay = (d) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
  const num = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
  const QUAL = { exact: "", at_least: "≥ ", more_than: "> ", about: "about ", nearly: "nearly ", at_most: "≤ " };
  const reported = (value, qualifier) => (value === null || qualifier === "undisclosed" ? "undisclosed" : `${QUAL[qualifier] ?? ""}${num(value)}`);
  const bounds = (lo, hi) => (lo === null ? "–" : hi === null ? `≥ ${num(lo)}` : lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`);
  const words = (s) => s.split("_").join(" ");
  const party = (d) => (d.startsWith("to_") ? `to ${d.slice(3).split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")}` : d === "each_side" ? "each side" : d === "total" ? "both sides" : words(d));
  const figureName = (m, d) => `${words(m).charAt(0).toUpperCase()}${words(m).slice(1)} ${party(d)}`;
  const KIND = { event: "one exchange", cumulative: "running total", target: "agreement", stock: "level" };
  const period = (from, to) => (from === null && to === null ? "no day given" : from === null || from === to ? (to === null ? `from ${day(from)}` : `on ${day(to)}`) : to === null ? `from ${day(from)}` : `${day(from)} to ${day(to)}`);
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
  const ms = (d) => Date.parse(`${d}T00:00:00Z`);

  // ------------------------------------------------------------------ DOM, built from text only
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "text") e.textContent = v;
      // Through the CSSOM, which the Content-Security-Policy allows (a style attribute it would block).
      else if (k === "style") for (const d of String(v).split(";")) { const i = d.indexOf(":"); if (i > 0) e.style.setProperty(d.slice(0, i).trim(), d.slice(i + 1).trim()); }
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    return e;
  };
  const SVG = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs = {}, ...children) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
    for (const c of children.flat()) if (c) e.append(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
  };
  /** Only http(s) links are links; anything else (javascript:, data:) is shown as text. */
  const safeUrl = (u) => {
    try {
      const x = new URL(u);
      return x.protocol === "http:" || x.protocol === "https:" ? x.href : null;
    } catch {
      return null;
    }
  };

  // ------------------------------------------------------------------ colours: one per claimant, stable for the whole page
  const PALETTE = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0", "#1b7f79", "#b8860b"];
  const colours = new Map();
  const colourOf = (who) => {
    if (!colours.has(who)) colours.set(who, PALETTE[colours.size % PALETTE.length]);
    return colours.get(who);
  };

  // ------------------------------------------------------------------ state, kept in the URL's hash so a view can be shared
  const state = { knownAt: null, through: null, figure: null, article: null, claim: null };
  let days = [];
  let figures = [];
  let articles = [];
  let firstKnown = null;
  const readHash = () => {
    const h = new URLSearchParams(location.hash.slice(1));
    for (const [k, name] of [["knownAt", "known-at"], ["through", "through"], ["figure", "figure"], ["article", "article"], ["claim", "claim"]]) state[k] = h.get(name) ?? state[k];
  };
  const writeHash = () => {
    const h = new URLSearchParams();
    if (state.knownAt) h.set("known-at", state.knownAt);
    if (state.through) h.set("through", state.through);
    if (state.figure) h.set("figure", state.figure);
    if (state.article) h.set("article", state.article);
    if (state.claim) h.set("claim", state.claim);
    const next = `#${h.toString()}`;
    if (location.hash !== next) history.replaceState(null, "", next);
  };

  // ------------------------------------------------------------------ exports: chart SVG and PNG, table CSV
  const download = (name, blob) => {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const svgText = (node) => {
    const c = node.cloneNode(true);
    c.setAttribute("xmlns", SVG);
    c.querySelectorAll("[tabindex]").forEach((x) => x.removeAttribute("tabindex"));
    c.querySelectorAll(".export-title").forEach((x) => x.removeAttribute("visibility"));
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(c)}`;
  };
  const exportSvg = (node, name) => download(`${name}.svg`, new Blob([svgText(node)], { type: "image/svg+xml" }));
  const exportPng = (node, name) => {
    const vb = node.viewBox.baseVal;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svgText(node)], { type: "image/svg+xml" }));
    img.onload = () => {
      const scale = 2;
      const canvas = el("canvas", { width: vb.width * scale, height: vb.height * scale });
      const g = canvas.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => b && download(`${name}.png`, b), "image/png");
    };
    img.src = url;
  };
  const csvCell = (v) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const tables = {};
  const exportCsv = async (name) => {
    let t = tables[name];
    if (!t) return;
    // The page lists the first discrepancies of a slim answer: the table has them all.
    if (t.all !== undefined) t = discrepancyTable((await get("discrepancies", t.all)).discrepancies);
    const lines = [t.head, ...t.rows].map((r) => r.map(csvCell).join(","));
    download(`factledger-${name}-${state.knownAt}.csv`, new Blob([lines.join("\n") + "\n"], { type: "text/csv" }));
  };

  // ------------------------------------------------------------------ tooltip
  const tip = $("tip");
  const showTip = (ev, lines) => {
    tip.replaceChildren(...lines);
    tip.hidden = false;
    const r = ev.currentTarget.getBoundingClientRect();
    const x = ev.clientX ?? r.left + r.width / 2;
    const y = ev.clientY ?? r.top;
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(8, Math.min(window.innerWidth - w - 8, x + 12))}px`;
    tip.style.top = `${Math.max(8, y - tip.offsetHeight - 12)}px`;
  };
  const hideTip = () => (tip.hidden = true);

  // ------------------------------------------------------------------ the timeline of one figure
  const W = 560;
  const H = 250;
  const M = { l: 52, r: 14, t: 28, b: 26 };
  /** A whole-number tick step of 1, 2 or 5 × 10^k giving at most five steps up to `v`, and the axis top it makes. */
  const niceAxis = (v) => {
    const top = Math.max(4, v);
    let step = 1;
    for (let p = 1; ; p *= 10) {
      const s = [1, 2, 5].map((f) => f * p).find((x) => top / x <= 5);
      if (s !== undefined) {
        step = s;
        break;
      }
    }
    return { step, max: Math.ceil(top / step) * step };
  };

  /** The chart: step line of the best figure with its band, a dot per claim, the known-at cursor. */
  const chart = (f, timeline, claims, disputed) => {
    // The x axis is the day things became known: from just before the first article to the last day.
    const x0 = Math.max(ms(days[0]), ms(firstKnown) - 4 * 86_400_000);
    const x1 = ms(days[days.length - 1]) + 86_400_000;
    const span = Math.max(1, x1 - x0);
    const X = (d) => M.l + ((ms(d) - x0) / span) * (W - M.l - M.r);
    const pts = timeline.points.filter((p) => p.best !== null);
    const top = Math.max(1, ...pts.map((p) => Math.max(p.best, p.lo ?? 0, p.hi ?? 0)), ...claims.map((c) => c.value ?? 0));
    const axis = niceAxis(top * 1.05);
    const ymax = axis.max;
    const Y = (v) => H - M.b - (v / ymax) * (H - M.t - M.b);
    const k = state.knownAt;
    const g = [];
    const font = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
    g.push(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#ffffff" }));
    // Shown only in an exported file, where the card's heading is not there to say what the chart is.
    g.push(svg("text", { class: "export-title", x: M.l, y: 12, "font-family": font, "font-size": 12, "font-weight": 700, fill: "#1b1e23", visibility: "hidden" }, `${figureName(f.metric, f.direction)}, as known on ${day(k)}`));
    // grid and y axis
    for (let v = 0; v <= ymax; v += axis.step) {
      const i = v;
      g.push(svg("line", { x1: M.l, x2: W - M.r, y1: Y(v), y2: Y(v), stroke: i === 0 ? "#9aa1aa" : "#eceff3", "stroke-width": 1 }));
      g.push(svg("text", { x: M.l - 6, y: Y(v) + 4, "text-anchor": "end", "font-family": font, "font-size": 10, fill: "#5f6670" }, num(Math.round(v))));
    }
    // x axis: about six ticks
    const n = Math.round((x1 - x0) / 86_400_000);
    const step = Math.max(1, Math.ceil(n / 6));
    for (let i = 0; i <= n; i += step) {
      const d = isoDay(x0 + i * 86_400_000);
      g.push(svg("line", { x1: X(d), x2: X(d), y1: H - M.b, y2: H - M.b + 4, stroke: "#9aa1aa" }));
      g.push(svg("text", { x: X(d), y: H - M.b + 15, "text-anchor": "middle", "font-family": font, "font-size": 10, fill: "#5f6670" }, shortDay(d)));
    }
    // what was not yet known
    if (k < days[days.length - 1]) g.push(svg("rect", { x: X(k), y: M.t, width: W - M.r - X(k), height: H - M.t - M.b, fill: "#f3f4f6" }));
    // band and step line, each step held until the next change (or the known-at day)
    let line = "";
    pts.forEach((p, i) => {
      const a = X(p.day);
      const b = i + 1 < pts.length ? X(pts[i + 1].day) : Math.max(a + 2, X(k));
      const lo = p.lo ?? p.best;
      if (p.hi === null) g.push(svg("rect", { x: a, y: M.t, width: b - a, height: Y(lo) - M.t, fill: "url(#open)" }));
      else if (p.hi > lo) g.push(svg("rect", { x: a, y: Y(p.hi), width: b - a, height: Y(lo) - Y(p.hi), fill: "#1f5fbf", "fill-opacity": 0.16 }));
      line += `${i === 0 ? `M${a.toFixed(1)},` : "V"}${Y(p.best).toFixed(1)}H${b.toFixed(1)}`;
    });
    if (line !== "") g.push(svg("path", { d: line, fill: "none", stroke: "#1f5fbf", "stroke-width": 2.2 }));
    const last = pts[pts.length - 1];
    if (last) g.push(svg("text", { x: Math.min(W - M.r, X(k)) - 5, y: Math.max(M.t + 10, Y(last.best) - 6), "text-anchor": "end", "font-family": font, "font-size": 11, "font-weight": 700, fill: "#1f5fbf" }, num(last.best)));
    // the known-at cursor
    g.push(svg("line", { x1: X(k), x2: X(k), y1: M.t - 4, y2: H - M.b, stroke: "#1b1e23", "stroke-dasharray": "3 3", "stroke-width": 1 }));
    g.push(svg("text", { x: X(k) + (X(k) > W - 120 ? -4 : 4), y: M.t - 8, "text-anchor": X(k) > W - 120 ? "end" : "start", "font-family": font, "font-size": 10, fill: "#5f6670" }, `known at ${shortDay(k)}`));
    // the claims: same day and value are spread apart so that none hides another
    const seen = new Map();
    for (const c of claims) {
      const key = `${c.knownAt}|${c.value}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const cx = X(c.knownAt) + (n === 0 ? 0 : (n % 2 === 1 ? 1 : -1) * Math.ceil(n / 2) * 7);
      const undisclosed = c.value === null;
      const cy = undisclosed ? Y(0) : Y(c.value);
      const colour = colourOf(c.attributedTo);
      const conflict = disputed.has(c.id);
      const attrs = { class: "dot", tabindex: 0, "data-claim": c.id, "data-value": c.value ?? "", stroke: undisclosed ? colour : "#ffffff", "stroke-width": undisclosed ? 2 : 1.2, fill: undisclosed ? "#ffffff" : colour };
      const mark = c.kind === "event" ? svg("path", { ...attrs, d: `M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z` }) : svg("circle", { ...attrs, cx, cy, r: 5.2 });
      mark.append(svg("title", {}, `${reported(c.value, c.qualifier)}: ${c.attributedTo} (${c.outlet ?? "unnamed outlet"}, ${day(c.publishedAt)})`));
      if (conflict) g.push(svg("circle", { cx, cy, r: 9, fill: "none", stroke: "#c8102e", "stroke-width": 1.8 }));
      const lines = () => [
        el("b", { text: reported(c.value, c.qualifier) }),
        el("div", { text: `${KIND[c.kind] ?? c.kind}, ${period(c.validFrom, c.validTo)}` }),
        el("div", { text: `said by ${c.attributedTo}` }),
        el("div", { text: `${c.outlet ?? "unnamed outlet"}, published ${day(c.publishedAt)}` }),
        conflict ? el("div", { text: "in conflict with another source", style: "color:#ff9aa8" }) : null,
        el("div", { class: "q", text: `“${c.evidence.text}”` }),
      ].filter(Boolean);
      mark.addEventListener("mouseenter", (ev) => showTip(ev, lines()));
      mark.addEventListener("mousemove", (ev) => showTip(ev, lines()));
      mark.addEventListener("mouseleave", hideTip);
      mark.addEventListener("focus", (ev) => showTip(ev, lines()));
      mark.addEventListener("blur", hideTip);
      mark.addEventListener("click", () => c.articleId && openArticle(c.articleId, c.id));
      g.push(mark);
    }
    const defs = svg("defs", {}, svg("pattern", { id: "open", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, svg("rect", { width: 6, height: 6, fill: "#1f5fbf", "fill-opacity": 0.06 }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#1f5fbf", "stroke-opacity": 0.22, "stroke-width": 2 })));
    g.push(svg("text", { x: W - M.r, y: H - 2, "text-anchor": "end", "font-family": font, "font-size": 9, fill: "#9aa1aa" }, "factledger"));
    return svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${figureName(f.metric, f.direction)} timeline` }, defs, g);
  };

  // ------------------------------------------------------------------ sections
  const figureKey = (f) => `${f.metric}:${f.direction}`;
  const disputedIds = (totals, discrepancies) => {
    const s = new Set();
    // A slim answer lists the first discrepancies only, and names the claims of all of them.
    if (discrepancies.disputedClaims !== undefined) for (const id of discrepancies.disputedClaims) s.add(id);
    else for (const d of discrepancies.discrepancies) for (const v of d.versions) s.add(v.claimId);
    // A slim total names the claims of its disputed slots; a whole one has the slots.
    for (const t of totals.totals) {
      if (t.disputedClaims !== undefined) for (const id of t.disputedClaims) s.add(id);
      else for (const sl of t.slots) if (sl.disputed) for (const v of sl.versions) s.add(v.claimId);
    }
    return s;
  };

  const renderFigures = (totals, discrepancies, perFigure) => {
    const disputed = disputedIds(totals, discrepancies);
    const cards = figures.map((f, i) => {
      const t = totals.totals.find((x) => x.metric === f.metric && x.direction === f.direction);
      const { timeline, claims } = perFigure[i];
      const node = chart(f, timeline, claims, disputed);
      const who = [...new Set(claims.map((c) => c.attributedTo))];
      const name = `factledger-${f.metric}-${f.direction}-${state.knownAt}`;
      return el(
        "div",
        { class: "card", "data-figure": figureKey(f) },
        el("div", { class: "card-head" }, el("h3", { text: figureName(f.metric, f.direction) }), el("div", { class: "headline", "data-best": t ? t.best : "" }, t ? num(t.best) : "–", t ? el("span", { class: "bounds", text: t.lo === t.hi ? "exact" : bounds(t.lo, t.hi) }) : el("span", { class: "bounds", text: "nothing known yet" }), t && t.disputed ? el("span", { class: "disputed-tag", text: "disputed" }) : null)),
        node,
        el("div", { class: "legend" }, who.map((w) => el("span", {}, el("span", { class: "sw", style: `background:${colourOf(w)}` }), w)), who.length === 0 ? el("span", { text: "no claims known yet" }) : null),
        el("div", { class: "card-tools" }, el("button", { type: "button", onclick: () => exportSvg(node, name), text: "SVG" }), el("button", { type: "button", onclick: () => exportPng(node, name), text: "PNG" }), el("button", { type: "button", onclick: () => { state.figure = figureKey(f); writeHash(); refreshAudit(); $("audit").scrollIntoView({ behavior: "smooth" }); }, text: "Audit" })),
      );
    });
    $("figure-grid").replaceChildren(...cards);
    const head = ["metric", "direction", "best", "lo", "hi", "claims", "sources", "disputed"];
    const rows = totals.totals.map((t) => [t.metric, t.direction, t.best, t.lo, t.hi, t.claims, t.sources.join("; "), t.disputed]);
    tables.totals = { head, rows };
    $("totals-table").replaceChildren(
      el("thead", {}, el("tr", {}, el("th", { text: "Total" }), el("th", { class: "num", text: "Best" }), el("th", { class: "num", text: "Bounds" }), el("th", { class: "num", text: "Claims" }), el("th", { text: "Sources" }))),
      el("tbody", {}, totals.totals.map((t) => el("tr", {}, el("td", {}, figureName(t.metric, t.direction), t.group ? el("small", { text: ` (${t.group})` }) : null, t.disputed ? el("span", { class: "disputed-tag", text: "disputed" }) : null), el("td", { class: "num", text: t.undisclosed ? "undisclosed" : num(t.best) }), el("td", { class: "num", text: t.undisclosed ? "–" : bounds(t.lo, t.hi) }), el("td", { class: "num", text: num(t.claims) }), el("td", { text: t.sources.join(", ") })))),
    );
  };

  const renderAgreements = (totals) => {
    const list = totals.agreements;
    tables.agreements = { head: ["metric", "direction", "agreedOn", "target", "targetLo", "targetHi", "done", "doneLo", "doneHi", "remaining", "sources"], rows: list.map((a) => [a.metric, a.direction, a.agreedOn, a.target, a.targetLo, a.targetHi, a.done, a.doneLo, a.doneHi, a.remaining, a.sources.join("; ")]) };
    if (list.length === 0) return $("agreement-list").replaceChildren(el("p", { class: "empty", text: `No agreement known on ${day(state.knownAt)}.` }));
    $("agreement-list").replaceChildren(
      ...list.map((a) => {
        const whole = Math.max(1, a.targetHi ?? a.target, a.doneHi ?? a.done);
        const pct = (v) => `${Math.max(0, Math.min(100, (v / whole) * 100)).toFixed(2)}%`;
        const upper = a.doneHi ?? a.done;
        const exact = a.doneHi === a.doneLo;
        return el(
          "div",
          { class: "agreement", "data-agreement": a.agreementId },
          el("div", { class: "agreement-head" }, el("strong", { text: `${figureName(a.metric.replace(/_agreed$/, "_returned"), a.direction)}: ${a.targetHi === a.targetLo ? num(a.target) : bounds(a.targetLo, a.targetHi)} agreed ${a.agreedOn ? day(a.agreedOn) : "(undated)"}` }), el("span", {}, "done ", el("b", { class: "done-figure", text: num(a.done) }), exact ? "" : ` (${bounds(a.doneLo, a.doneHi)})`, " · remaining ", el("b", { text: num(a.remaining) }), exact ? "" : ` (≤ ${num(Math.max(0, (a.targetHi ?? a.target) - a.doneLo))})`)),
          el("div", { class: "bar", role: "img", "aria-label": `${num(a.done)} of ${num(a.target)} done` }, el("div", { class: "done", style: `width:${pct(a.doneLo)}` }), upper > a.doneLo ? el("div", { class: "maybe", style: `left:${pct(a.doneLo)};width:${pct(upper - a.doneLo)}` }) : null, el("span", { class: "label", text: `${Math.round((a.done / Math.max(1, a.target)) * 100)}%` })),
          el("div", { class: "phases" }, a.phases.length === 0 ? "No phase counted yet." : `Phases counted: ${a.phases.map((p) => `${period(p.validFrom, p.validTo)} ${bounds(p.lo, p.hi)}`).join(" · ")}`, ` — sources: ${a.sources.join(", ")}`),
        );
      }),
    );
  };

  const versionBox = (v, d) =>
    el(
      "div",
      { class: "version", "data-claim": v.claimId },
      el("span", { class: "value", text: reported(v.value, v.qualifier) }),
      el("span", {}, el("span", { class: "sw", style: `display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;background:${colourOf(v.attributedTo)}` }), el("b", { text: v.attributedTo })),
      el("span", { text: `${v.outlet ?? "unnamed outlet"}, ${day(v.publishedAt)} · ${KIND[v.kind] ?? v.kind} ${period(v.validFrom, v.validTo)}` }),
      d.kept.includes(v.claimId) ? el("span", { class: "kept", text: "kept" }) : d.setAside.includes(v.claimId) ? el("span", { class: "aside", text: "set aside" }) : null,
      el("span", { class: "sentence", text: `“${v.sentence}”` }),
      v.articleId ? el("button", { type: "button", onclick: () => openArticle(v.articleId, v.claimId), text: "Open in article" }) : null,
    );

  const discrepancyTable = (list) => ({ head: ["metric", "direction", "kind", "validFrom", "validTo", "reason", "detail", "value", "qualifier", "attributedTo", "outlet", "publishedAt", "sentence"], rows: list.flatMap((d) => d.versions.map((v) => [d.metric, d.direction, d.kind, d.validFrom, d.validTo, d.reason, d.detail, v.value, v.qualifier, v.attributedTo, v.outlet, v.publishedAt, v.sentence])) });
  const renderDiscrepancies = (ds) => {
    const list = ds.discrepancies;
    const count = ds.discrepancyCount ?? list.length;
    tables.discrepancies = { ...discrepancyTable(list), all: count > list.length ? { "known-at": ds.knownAt, through: ds.through } : undefined };
    if (list.length === 0) return $("discrepancy-list").replaceChildren(el("p", { class: "empty", text: `The sources agree on everything known on ${day(state.knownAt)}.` }));
    $("discrepancy-list").replaceChildren(
      ...(count > list.length ? [el("p", { class: "more", "data-count": count, text: `The first ${num(list.length)} of ${num(count)} discrepancies; the CSV has them all.` })] : []),
      ...list.map((d) =>
        el(
          "div",
          { class: "discrepancy", "data-reason": d.reason },
          el("h3", { text: `${figureName(d.metric, d.direction)}, ${KIND[d.kind] ?? d.kind} ${period(d.validFrom, d.validTo)} — ${words(d.reason)}` }),
          el("p", { text: d.detail }),
          el("div", { class: "versions" }, d.versions.map((v) => versionBox(v, d))),
        ),
      ),
    );
  };

  const renderAudit = (a) => {
    tables.audit = { head: ["knownAt", "beforeBest", "beforeLo", "beforeHi", "afterBest", "afterLo", "afterHi", "outlet", "publishedAt", "claimId", "value", "qualifier", "attributedTo", "sentence"], rows: a.changes.flatMap((c) => c.causes.map((x) => [c.knownAt, c.before.best, c.before.lo, c.before.hi, c.after.best, c.after.lo, c.after.hi, c.outlet, c.publishedAt, x.claimId, x.value, x.qualifier, x.attributedTo, x.sentence])) };
    const fig = (f) => (f.best === null ? "–" : `${num(f.best)} (${bounds(f.lo, f.hi)})`);
    if (a.changes.length === 0) return $("audit-body").replaceChildren(el("p", { class: "empty", text: `No claim about ${figureName(a.metric, a.direction).toLowerCase()} known on ${day(state.knownAt)}.` }));
    $("audit-body").replaceChildren(
      el("p", { class: "note", text: `How ${figureName(a.metric, a.direction).toLowerCase()} changed as articles were published: one row per change, with the claims that caused it. Open a claim to read it in its article.` }),
      el(
        "table",
        { class: "data" },
        el("thead", {}, el("tr", {}, el("th", { text: "Known at" }), el("th", { text: "Before → after" }), el("th", { text: "Source" }), el("th", { text: "Claims" }))),
        el(
          "tbody",
          {},
          a.changes.map((c) =>
            el(
              "tr",
              { class: "audit-step" },
              el("td", { text: day(c.knownAt) }),
              el("td", {}, `${fig(c.before)} → `, el("b", { text: fig(c.after) })),
              el("td", { text: c.articleId === null ? "analyst amendment" : `${c.outlet ?? "unnamed outlet"}, ${day(c.publishedAt)}${c.dated ? ` (dated by ${c.dated.analyst})` : ""}` }),
              el("td", {}, c.causes.map((x) => el("div", { class: "cause" }, el("span", { class: "v", text: reported(x.value, x.qualifier) }), el("span", {}, el("b", { text: `${x.attributedTo}: ` }), el("span", { class: "s", text: `“${x.sentence}”` }), " ", c.articleId ? el("button", { type: "button", "data-claim": x.claimId, onclick: () => openArticle(c.articleId, x.claimId), text: "Open" }) : null)))),
            ),
          ),
        ),
      ),
    );
  };

  const renderArticleList = () => {
    tables.articles = { head: ["articleId", "publishedAt", "knownAt", "outlet", "url", "path", "claims"], rows: articles.map((a) => [a.articleId, a.publishedAt, a.knownAt, a.outlet, a.url, a.path, a.claims]) };
    $("article-list").replaceChildren(
      el("thead", {}, el("tr", {}, el("th", { text: "Published" }), el("th", { text: "Outlet" }), el("th", { class: "num", text: "Claims" }))),
      el(
        "tbody",
        {},
        articles.map((a) =>
          el(
            "tr",
            { "data-article": a.articleId, class: [a.articleId === state.article ? "selected" : "", a.knownAt > state.knownAt ? "later" : ""].join(" ").trim() || null, tabindex: 0, onclick: () => openArticle(a.articleId, null), onkeydown: (e) => e.key === "Enter" && openArticle(a.articleId, null), title: a.knownAt > state.knownAt ? "published after the known-at day" : null },
            el("td", { text: a.publishedAt === null ? `undated (recorded ${day(a.knownAt)})` : day(a.publishedAt) }),
            el("td", {}, a.outlet ?? "unnamed outlet", a.path ? el("div", {}, el("small", { text: a.path.split("/").pop() })) : null),
            el("td", { class: "num", text: num(a.claims) }),
          ),
        ),
      ),
    );
  };

  /** An article's text with each claim's sentence marked; the chosen claim is highlighted and scrolled to. */
  const renderArticle = (v, claimId) => {
    const body = el("div", { class: "body" });
    // Several claims often come from one sentence: overlapping sentences are one mark that holds them all.
    const spans = [];
    for (const c of [...v.claims].sort((a, b) => a.evidence.start - b.evidence.start)) {
      const { start, end } = c.evidence;
      if (start < 0 || end > v.text.length || end <= start) continue;
      const last = spans[spans.length - 1];
      if (last && start < last.end) {
        last.end = Math.max(last.end, end);
        last.claims.push(c);
      } else spans.push({ start, end, claims: [c] });
    }
    let at = 0;
    for (const sp of spans) {
      body.append(v.text.slice(at, sp.start));
      const ids = sp.claims.map((c) => c.id);
      const m = el("mark", { "data-claim": ids[0], "data-claims": ids.join(" "), class: ids.includes(claimId) ? "focus" : null, tabindex: 0 }, v.text.slice(sp.start, sp.end));
      const lines = () => sp.claims.flatMap((c, i) => [i > 0 ? el("hr") : null, el("b", { text: reported(c.value, c.qualifier) }), el("div", { text: `${words(c.metric)} ${party(c.direction)}, ${KIND[c.kind] ?? c.kind} ${period(c.validFrom, c.validTo)}` }), el("div", { text: `said by ${c.attributedTo}` })]).filter(Boolean);
      m.addEventListener("mouseenter", (ev) => showTip(ev, lines()));
      m.addEventListener("mouseleave", hideTip);
      body.append(m);
      at = sp.end;
    }
    body.append(v.text.slice(at));
    const a = v.article;
    const url = a.url === null ? null : safeUrl(a.url);
    $("article-text").replaceChildren(
      el("div", { class: "meta" }, el("b", { text: a.outlet ?? "unnamed outlet" }), ` · ${a.publishedAt === null ? "undated" : `published ${day(a.publishedAt)}`} · ${v.claims.length} claim${v.claims.length === 1 ? "" : "s"} marked`, a.url === null ? null : url === null ? el("div", { class: "url", text: a.url }) : el("div", {}, el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: a.url }))),
      body,
    );
    const focus = body.querySelector("mark.focus");
    if (focus) focus.scrollIntoView({ block: "center" });
  };

  const openArticle = async (articleId, claimId) => {
    state.article = articleId;
    state.claim = claimId;
    writeHash();
    renderArticleList();
    try {
      renderArticle(await get("articles", { id: articleId }), claimId);
    } catch (e) {
      $("article-text").replaceChildren(el("p", { class: "error", text: String(e.message ?? e) }));
    }
    $("articles").scrollIntoView({ block: "start" });
  };

  // ------------------------------------------------------------------ the whole page for one pair of days
  let seq = 0;
  const auditedFigure = () => figures.find((x) => figureKey(x) === state.figure) ?? figures[0];
  const auditOf = (f) => get("audit", { "known-at": state.knownAt, through: state.through, metric: f.metric, direction: f.direction });
  const refreshAudit = async (view) => {
    const f = auditedFigure();
    if (!f) return $("audit-body").replaceChildren(el("p", { class: "empty", text: "No total yet." }));
    $("audit-figure").value = figureKey(f);
    renderAudit(view ?? (await auditOf(f)));
  };

  /**
   * The figures of a slider's position come first: the server answers them from its warm index at once
   * (/api/figures), so the cards' headline figures move while the rest of the view is reconciled.
   */
  const renderHeadlines = (view) => {
    for (const card of document.querySelectorAll("[data-figure]")) {
      const f = figures.find((x) => figureKey(x) === card.dataset.figure);
      const head = card.querySelector(".headline");
      if (f === undefined || head === null) continue;
      const t = view.totals.find((x) => x.metric === f.metric && x.direction === f.direction);
      head.dataset.best = t ? String(t.best) : "";
      head.replaceChildren(t ? num(t.best) : "–", el("span", { class: "bounds", text: t ? (t.lo === t.hi ? "exact" : bounds(t.lo, t.hi)) : "nothing known yet" }));
    }
  };

  let shown = 0;
  const refresh = async () => {
    const mine = ++seq;
    const axes = { "known-at": state.knownAt, through: state.through };
    const started = performance.now();
    if (report === null)
      get("figures", axes).then(
        // Not after the full view of the same position: it has the headlines already (and what is disputed).
        (v) => mine === seq && shown !== mine && renderHeadlines(v),
        () => {}, // the full view below says what went wrong, if anything did
      );
    try {
      // One reconciliation for totals, agreements and discrepancies: the report view holds all three.
      const audited = auditedFigure();
      const [totals, audit, ...perFigure] = await Promise.all([
        reportOf(axes),
        audited === undefined ? null : auditOf(audited),
        ...figures.map(async (f) => {
          const q = { ...axes, metric: f.metric, direction: f.direction };
          const [timeline, claims] = await Promise.all([get("timeline", q), get("claims", q)]);
          return { timeline, claims: claims.claims };
        }),
      ]);
      if (mine !== seq) return; // a later move of a slider has overtaken this one
      const discrepancies = { knownAt: totals.knownAt, through: totals.through, discrepancies: totals.discrepancies, discrepancyCount: totals.discrepancyCount, disputedClaims: totals.disputedClaims };
      renderFigures(totals, discrepancies, perFigure);
      shown = mine;
      renderAgreements(totals);
      renderDiscrepancies(discrepancies);
      renderArticleList();
      await refreshAudit(audit ?? undefined);
      document.body.dataset.ready = `${state.knownAt}|${state.through}`;
      document.body.dataset.renderMs = String(Math.round(performance.now() - started));
      // Since navigation started: what a person waits for the first full view.
      if (document.body.dataset.firstReadyMs === undefined) document.body.dataset.firstReadyMs = String(Math.round(performance.now()));
    } catch (e) {
      $("figure-grid").replaceChildren(el("p", { class: "error", text: `Could not load the figures: ${e.message ?? e}` }));
    }
  };

  // ------------------------------------------------------------------ sliders
  const kSlider = $("known-at");
  const tSlider = $("through");
  const syncSliders = () => {
    kSlider.max = tSlider.max = String(days.length - 1);
    kSlider.value = String(Math.max(0, days.indexOf(state.knownAt)));
    tSlider.value = String(Math.max(0, days.indexOf(state.through)));
    $("known-at-day").textContent = day(state.knownAt);
    $("through-day").textContent = day(state.through);
  };
  // While a slider is dragged its day shows at once; the views are asked for when it rests (60 ms), not for every day it passes.
  let timer = 0;
  const moved = () => {
    syncSliders();
    writeHash();
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), report === null ? 60 : 0);
  };
  kSlider.addEventListener("input", () => {
    const k = days[Number(kSlider.value)];
    // Through follows known-at while they were the same day, and never passes it.
    if (state.through === state.knownAt || state.through > k) state.through = k;
    state.knownAt = k;
    moved();
  });
  tSlider.addEventListener("input", () => {
    const t = days[Number(tSlider.value)];
    state.through = t > state.knownAt ? state.knownAt : t;
    moved();
  });
  document.querySelectorAll("[data-csv]").forEach((b) => b.addEventListener("click", () => void exportCsv(b.dataset.csv)));
  $("audit-figure").addEventListener("change", (e) => {
    state.figure = e.target.value;
    writeHash();
    void refreshAudit();
  });

  // ------------------------------------------------------------------ what the store holds: the days, the figures, the articles
  const everyDay = (from, to) => {
    const out = [];
    for (let t = ms(from); t <= ms(to); t += 86_400_000) out.push(isoDay(t));
    return out;
  };
  const boot = async () => {
    const [list, all] = await Promise.all([get("articles"), get("claims")]);
    articles = list.articles;
    for (const c of all.claims) colourOf(c.attributedTo);
    const known = articles.map((a) => a.knownAt).sort();
    if (known.length === 0) {
      $("summary").textContent = "The store is empty: ingest articles (facts ingest seeds) and they will show here.";
      days = [];
      return false;
    }
    firstKnown = known[0];
    const first = [known[0], ...all.claims.flatMap((c) => [c.validFrom, c.validTo]).filter((d) => d !== null && d < known[0])].sort()[0];
    const lastDay = known[known.length - 1];
    days = report !== null ? report.days : everyDay(first < isoDay(ms(lastDay) - 120 * 86_400_000) ? isoDay(ms(lastDay) - 120 * 86_400_000) : first, lastDay);
    const latest = await reportOf({ "known-at": days[days.length - 1], through: days[days.length - 1] });
    const seen = new Set();
    const returned = latest.totals.filter((t) => t.metric.endsWith("_returned"));
    figures = (returned.length > 0 ? returned : latest.totals).filter((t) => !seen.has(figureKey(t)) && seen.add(figureKey(t))).map((t) => ({ metric: t.metric, direction: t.direction }));
    $("audit-figure").replaceChildren(...figures.map((f) => el("option", { value: figureKey(f), text: figureName(f.metric, f.direction) })));
    if (state.knownAt === null || !days.includes(state.knownAt)) state.knownAt = days[days.length - 1];
    if (state.through === null || !days.includes(state.through) || state.through > state.knownAt) state.through = state.knownAt;
    if (state.figure === null || !figures.some((f) => figureKey(f) === state.figure)) {
      const preferred = figures.find((f) => f.metric === "prisoners_returned" && f.direction === "to_ukraine") ?? figures.find((f) => f.metric === "prisoners_returned") ?? figures[0];
      state.figure = preferred === undefined ? null : figureKey(preferred);
    }
    const claims = all.claims.length;
    $("summary").textContent = `${articles.length} article${articles.length === 1 ? "" : "s"}, ${claims} claim${claims === 1 ? "" : "s"}, published ${day(known[0])} to ${day(lastDay)}${report !== null ? ` · report generated ${day(report.generated)}` : ""}`;
    syncSliders();
    return true;
  };

  const start = async () => {
    if (report !== null && report.initial) {
      state.knownAt = report.initial.knownAt;
      state.through = report.initial.through;
    }
    readHash();
    try {
      if (await boot()) {
        writeHash();
        await refresh();
        if (state.article) await openArticle(state.article, state.claim);
      }
    } catch (e) {
      $("summary").replaceChildren(el("span", { class: "error", text: `Could not load the store: ${e.message ?? e}` }));
    }
    document.body.dataset.booted = "1";
  };

  // ------------------------------------------------------------------ live: a new event in the store refreshes the page
  const live = $("live");
  if (report !== null) {
    live.textContent = "static report";
  } else if (typeof EventSource === "function") {
    let last = null;
    const es = new EventSource("api/events");
    es.addEventListener("open", () => {
      live.className = "live on";
      live.textContent = "live";
    });
    es.addEventListener("error", () => {
      live.className = "live off";
      live.textContent = "reconnecting…";
    });
    es.addEventListener("position", async (ev) => {
      const p = JSON.parse(ev.data);
      const changed = last !== null && p.position !== last;
      last = p.position;
      if (!changed) return;
      const wasLatest = days.length === 0 || state.knownAt === days[days.length - 1];
      const followThrough = state.through === state.knownAt;
      if (wasLatest) state.knownAt = null;
      if (followThrough) state.through = null;
      try {
        if (await boot()) {
          writeHash();
          await refresh();
        }
      } catch (e) {
        live.className = "live off";
        live.textContent = `update failed: ${e.message ?? e}`;
        return;
      }
      live.className = "live on flash";
      live.textContent = `updated ${new Date().toLocaleTimeString("en-GB")}`;
      document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
      setTimeout(() => (live.className = "live on"), 1500);
    });
  }
  void start();
})();
