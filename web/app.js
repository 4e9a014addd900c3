/* app.js - the attache dashboard: hash routing, views, charts (uPlot), the
 * map (d3-geo + topojson), live alerts.  Every text that comes from the
 * database is put in the page with textContent / text nodes only. */
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  let lang = localStorage.getItem("attache.lang") || "vi";
  let streamCtl = null;
  let lastAlertId = 0;

  function t(key, vars) {
    let s = (ATT_LABELS[lang] && ATT_LABELS[lang][key]) || ATT_LABELS.en[key] || key;
    for (const k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
    return s;
  }

  /* el("a", {href: "#/x", class: "y"}, "text", node, ...) */
  function el(tag, attrs) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const ev in v) e.addEventListener(ev, v[ev]);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (let i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  /* add(parent, child, ...): nodes, text (as text nodes), arrays of them */
  function add(parent) {
    for (let i = 1; i < arguments.length; i++) {
      const c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) c.forEach((x) => add(parent, x));
      else if (c instanceof Node) parent.appendChild(c);
      else parent.appendChild(document.createTextNode(String(c)));
    }
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function status(msg) { $("#status").textContent = msg || ""; }

  /* ---- the API ---- */
  function authHeaders() {
    const tok = sessionStorage.getItem("attache.token");
    return tok ? { Authorization: "Bearer " + tok } : {};
  }
  function qs(params) {
    const u = new URLSearchParams();
    for (const k in params || {}) if (params[k] !== undefined && params[k] !== null && params[k] !== "") u.set(k, params[k]);
    const s = u.toString();
    return s ? "?" + s : "";
  }
  async function api(path, params) {
    const r = await fetch("/api/v1/" + path + qs(params), { headers: authHeaders() });
    if (r.status === 401 || r.status === 403) $("#tokenform").hidden = false;
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    if (!r.ok) throw new Error((body && body.error && body.error.message) || "HTTP " + r.status);
    return body;
  }

  /* ---- text helpers ---- */
  /* a snippet whose matches are wrapped in U+0002 ... U+0003 */
  function highlighted(text) {
    const out = [];
    String(text || "").split("\u0002").forEach((part, i) => {
      if (i === 0) { out.push(part); return; }
      const j = part.indexOf("\u0003");
      if (j < 0) { out.push(part); return; }
      out.push(el("mark", null, part.slice(0, j)), part.slice(j + 1));
    });
    return out;
  }
  /* the event's words in its sentence: span = [start, end) in UTF-8 bytes */
  function sentenceWithSpan(sentence, span) {
    const s = String(sentence || "");
    if (!span || span.length !== 2 || span[1] <= span[0]) return [s];
    const b = new TextEncoder().encode(s);
    if (span[1] > b.length) return [s];
    const d = new TextDecoder();
    return [d.decode(b.slice(0, span[0])), el("mark", null, d.decode(b.slice(span[0], span[1]))), d.decode(b.slice(span[1]))];
  }
  function actorLink(code) { return code ? el("a", { href: "#/actor/" + encodeURIComponent(code) }, code) : ""; }
  function articleLink(id, text) { return el("a", { href: "#/article/" + id }, text || "#" + id); }

  /* ---- tables with CSV export ---- */
  function csvCell(v) {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function downloadCsv(cols, rows, name) {
    const lines = [cols.map((c) => csvCell(c.label)).join(",")];
    rows.forEach((r) => lines.push(cols.map((c) => csvCell(c.csv ? c.csv(r) : r[c.key])).join(",")));
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  /* cols: [{key, label, num, render(row), csv(row), cls}] */
  function table(cols, rows, name, id) {
    const tbody = el("tbody");
    const wrap = el("div", { class: "tablewrap" });
    const tb = el("table", { id: id || null }, el("thead", null, el("tr", null, cols.map((c) => el("th", null, c.label)))), tbody);
    const bar = el("div", { class: "toolbar" },
      el("button", { type: "button", class: "csv", on: { click: () => downloadCsv(cols, tb._rows, name + ".csv") } }, t("csv")));
    tb._rows = [];
    tb.addRows = (more) => {
      more.forEach((r) => {
        tb._rows.push(r);
        tbody.appendChild(el("tr", null, cols.map((c) => el("td", { class: (c.num ? "num " : "") + (c.cls || "") },
          c.render ? c.render(r) : r[c.key] === null || r[c.key] === undefined ? "" : String(r[c.key])))));
      });
    };
    tb.addRows(rows);
    wrap.appendChild(tb);
    if (!rows.length) wrap.appendChild(el("p", { class: "muted empty" }, t("none")));
    return el("div", null, bar, wrap);
  }

  /* ---- charts ---- */
  function dayTs(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }
  function width(node, max) { return Math.max(280, Math.min(max || 1200, (node.clientWidth || 600) - 10)); }
  function sparkline(values) {
    const box = el("div", { class: "spark" });
    const xs = values.map((_, i) => i), ys = values.slice();
    if (xs.length === 1) { xs.push(1); ys.push(values[0]); }
    setTimeout(() => new uPlot({
      width: 120, height: 32, legend: { show: false }, cursor: { show: false }, select: { show: false },
      scales: { x: { time: false } }, axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: "#0b5cad", width: 1.5, fill: "rgba(11,92,173,.12)" }]
    }, [xs, ys], box), 0);
    return box;
  }
  function barsChart(node, days, counts, label) {
    const xs = days.map(dayTs);
    new uPlot({
      width: width(node, 1100), height: 180, legend: { show: true },
      series: [{}, { label: label, stroke: "#0b5cad", fill: "rgba(11,92,173,.45)", paths: uPlot.paths.bars({ size: [0.8, 40] }) }],
      axes: [{}, { size: 40 }]
    }, [xs, counts], node);
  }
  /* quad-class bars (stacked) and mean Goldstein line */
  function relationChart(node, rows) {
    const xs = rows.map((r) => dayTs(r.period));
    const q = [0, 1, 2, 3].map((k) => rows.map((r) => r.quad[k]));
    const cum = [q[0], q[0].map((v, i) => v + q[1][i])];
    cum.push(cum[1].map((v, i) => v + q[2][i]));
    cum.push(cum[2].map((v, i) => v + q[3][i]));
    const gold = rows.map((r) => Math.round(r.goldstein_mean * 10) / 10);
    const bars = uPlot.paths.bars({ size: [0.7, 60] });
    const real = (k) => (u, v, si, i) => (i === null || i === undefined ? "-" : q[k][i]);
    const css = getComputedStyle(document.documentElement);
    const color = (n) => css.getPropertyValue("--q" + n).trim();
    return new uPlot({
      width: width(node, 1200), height: 300,
      cursor: { drag: { x: true, y: false } },
      scales: { g: { range: [-10, 10] } },
      series: [{},
        { label: t("q4"), fill: color(4), stroke: color(4), paths: bars, value: real(3) },
        { label: t("q3"), fill: color(3), stroke: color(3), paths: bars, value: real(2) },
        { label: t("q2"), fill: color(2), stroke: color(2), paths: bars, value: real(1) },
        { label: t("q1"), fill: color(1), stroke: color(1), paths: bars, value: real(0) },
        { label: t("goldstein"), stroke: "#111", width: 2, scale: "g", points: { show: true, size: 5 } }],
      axes: [{}, { size: 40 }, { scale: "g", side: 1, grid: { show: false }, size: 40 }]
    }, [xs, cum[3], cum[2], cum[1], cum[0], gold], node);
  }

  /* ---- the map ---- */
  let topo = null;
  async function worldMap(node, countries) {
    if (!topo) {
      const r = await fetch("/vendor/world-atlas/countries-110m.json");
      topo = await r.json();
    }
    const fc = topojson.feature(topo, topo.objects.countries);
    const byNum = {};
    for (const a3 in ATT_ISO_NUM) byNum[ATT_ISO_NUM[a3]] = a3;
    const stats = {};
    let max = 1;
    countries.forEach((c) => { stats[c.country] = c; max = Math.max(max, c.events); });
    const proj = d3.geoNaturalEarth1().fitSize([960, 480], fc);
    const path = d3.geoPath(proj);
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 960 480");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", t("map"));
    fc.features.forEach((f) => {
      const a3 = byNum[f.id];
      const s = a3 && stats[a3];
      const p = document.createElementNS(NS, "path");
      p.setAttribute("d", path(f) || "");
      p.setAttribute("class", "country");
      p.setAttribute("fill", "#e3e7ec");
      if (s) {
        const k = Math.log(1 + s.events) / Math.log(1 + max), cs = s.conflict_share;
        /* hue: cooperation blue to conflict red; depth: intensity */
        const base = [31 + (200 - 31) * cs, 111 + (55 - 111) * cs, 181 + (45 - 181) * cs];
        const rgb = base.map((v, i) => Math.round([227, 231, 236][i] + (v - [227, 231, 236][i]) * (0.25 + 0.75 * k)));
        p.setAttribute("fill", "rgb(" + rgb.join(",") + ")");
        p.setAttribute("data-country", a3);
        p.addEventListener("click", () => { location.hash = "#/actor/" + a3; });
      }
      const title = document.createElementNS(NS, "title");
      title.textContent = (f.properties && f.properties.name ? f.properties.name : "") +
        (s ? " (" + a3 + "): " + s.events + " " + t("events").toLowerCase() + ", " + t("conflict_share").toLowerCase() + " " + Math.round(100 * s.conflict_share) + "%" : "");
      p.appendChild(title);
      svg.appendChild(p);
    });
    clear(node).appendChild(svg);
  }

  /* ---- alerts ---- */
  function alertNode(a, fresh) {
    const ev = a.evidence || {};
    const arts = (ev.articles || []).slice(0, 12);
    const actors = a.actors || [];
    return el("div", { class: "alert " + a.kind + (fresh ? " fresh" : ""), "data-id": a.id },
      el("div", { class: "meta" }, a.date + " · " + a.kind + " · " + t("score") + " " + (Math.round(a.score * 10) / 10) + " · ",
        actors.map((c, i) => [i ? ", " : "", actorLink(c)]),
        actors.length === 2 ? [" · ", el("a", { href: "#/relation/" + actors[0] + "/" + actors[1] }, t("open_relation"))] : ""),
      el("div", { class: "summary" }, a.summary),
      arts.length ? el("div", { class: "meta" }, t("evidence") + ": ", arts.map((id, i) => [i ? ", " : "", articleLink(id)])) : "");
  }
  function stopStream() { if (streamCtl) { streamCtl.abort(); streamCtl = null; } }
  async function startStream(onAlert) {
    stopStream();
    const ctl = new AbortController();
    streamCtl = ctl;
    while (!ctl.signal.aborted) {
      try {
        const r = await fetch("/api/v1/alerts/stream?after=" + lastAlertId, { headers: authHeaders(), signal: ctl.signal });
        if (!r.ok) throw new Error("HTTP " + r.status);
        status(t("connected"));
        const rd = r.body.getReader(), dec = new TextDecoder();
        let buf = "";
        for (;;) {
          const { value, done } = await rd.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let evname = "message", data = "", id = null;
            block.split("\n").forEach((line) => {
              if (line.startsWith("event:")) evname = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trim();
              else if (line.startsWith("id:")) id = parseInt(line.slice(3).trim(), 10);
            });
            if (evname === "alert" && data) {
              const a = JSON.parse(data);
              if (id) lastAlertId = Math.max(lastAlertId, id);
              onAlert(a);
            }
          }
        }
      } catch (e) {
        if (ctl.signal.aborted) return;
      }
      status(t("disconnected"));
      await new Promise((res) => setTimeout(res, 2000));
    }
  }

  /* ---- views ---- */
  async function viewOverview(main) {
    const o = await api("overview");
    add(main, el("h1", null, t("nav_overview")), el("div", { class: "totals" }, t("totals", o.totals)));
    const alerts = el("div", { id: "alerts" });
    const grid = el("div", { class: "grid" });
    grid.appendChild(el("section", { class: "card" }, el("h2", null, t("live_alerts")), alerts));
    const sorted = o.alerts.slice().sort((a, b) => b.id - a.id);
    sorted.forEach((a) => { alerts.appendChild(alertNode(a)); lastAlertId = Math.max(lastAlertId, a.id); });
    if (!sorted.length) alerts.appendChild(el("p", { class: "muted empty" }, t("no_alerts")));
    grid.appendChild(el("section", { class: "card" }, el("h2", null, t("top_stories")),
      table([{ label: t("title"), render: (s) => el("a", { href: "#/story/" + s.id }, s.title || "#" + s.id), csv: (s) => s.title },
        { label: t("num_articles"), key: "num_articles", num: 1 }, { label: t("num_sources"), key: "num_sources", num: 1 },
        { label: t("last_seen"), key: "last_seen" }], o.stories, "stories")));
    grid.appendChild(el("section", { class: "card" }, el("h2", null, t("movers")),
      table([{ label: t("pair"), render: (m) => el("a", { href: "#/relation/" + m.actor1 + "/" + m.actor2 }, m.actor1 + " – " + m.actor2), csv: (m) => m.actor1 + "-" + m.actor2 },
        { label: t("this_week"), key: "events", num: 1 }, { label: t("before"), key: "events_before", num: 1 },
        { label: t("trend"), render: (m) => sparkline(m.weekly), csv: (m) => m.weekly.join(" ") }], o.movers, "movers", "movers")));
    const map = el("div", { id: "map" });
    grid.appendChild(el("section", { class: "card" }, el("h2", null, t("map")), map,
      table([{ label: t("country"), render: (c) => actorLink(c.country), csv: (c) => c.country }, { label: t("events"), key: "events", num: 1 },
        { label: t("conflict_share"), render: (c) => Math.round(100 * c.conflict_share) + "%", csv: (c) => c.conflict_share, num: 1 }],
        o.countries.slice(0, 10), "countries")));
    const comm = el("div");
    grid.appendChild(el("section", { class: "card" }, el("h2", null, t("commitments_due")), comm));
    add(main, grid);
    worldMap(map, o.countries).catch((e) => add(map, el("p", { class: "error" }, t("error", { m: e.message }))));
    api("commitments", { limit: 1000 }).then((c) => {
      const rows = c.items.filter((x) => x.due || x.links.length || x.status !== "open")
        .sort((a, b) => (b.links.length ? b.links[b.links.length - 1].date : b.promised).localeCompare(a.links.length ? a.links[a.links.length - 1].date : a.promised))
        .slice(0, 12);
      add(comm, commitmentsTable(rows));
    }).catch(() => {});
    startStream((a) => {
      const empty = $(".empty", alerts);
      if (empty) empty.remove();
      if (!alerts.querySelector('[data-id="' + a.id + '"]')) alerts.insertBefore(alertNode(a, true), alerts.firstChild);
    });
  }

  function commitmentsTable(rows) {
    return table([
      { label: t("promised"), key: "promised" },
      { label: t("who"), render: (c) => actorLink(c.who), csv: (c) => c.who },
      { label: t("to_whom"), render: (c) => actorLink(c.to_whom), csv: (c) => c.to_whom },
      { label: t("what"), key: "what", cls: "sentence" },
      { label: t("due"), key: "due" },
      { label: t("status"), key: "status" },
      { label: t("followups"), render: (c) => c.links.map((l) => el("div", null, l.date + " " + l.status + ": ", articleLink(l.article_id))),
        csv: (c) => c.links.map((l) => l.date + " " + l.status + " #" + l.article_id).join("; ") }], rows, "commitments", "commitments-table");
  }

  async function viewSearch(main, args, params) {
    const f = el("form", { class: "filters", id: "searchform" },
      el("label", null, t("query"), el("input", { name: "q", id: "q", value: params.get("q") || "", size: 30 })),
      el("label", null, t("from"), el("input", { name: "from", type: "date", value: params.get("from") || "" })),
      el("label", null, t("to"), el("input", { name: "to", type: "date", value: params.get("to") || "" })),
      el("label", null, t("actor"), el("input", { name: "actor", value: params.get("actor") || "", size: 8 })),
      el("button", { type: "submit" }, t("search_btn")));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      ["q", "from", "to", "actor"].forEach((k) => { const v = f.elements[k].value.trim(); if (v) p.set(k, v); });
      location.hash = "#/search?" + p.toString();
    });
    add(main, el("h1", null, t("nav_search")), f);
    const q = params.get("q");
    if (!q) return;
    const args2 = { q: q, from: params.get("from"), to: params.get("to"), actor: params.get("actor"), limit: 20 };
    const r = await api("search", Object.assign({ histogram: 1 }, args2));
    const chart = el("div", { id: "hist" });
    const list = el("div", { id: "search-results" });
    add(main, el("p", { class: "totals", id: "result-count" }, t("results", { n: r.total })),
      el("section", { class: "card" }, el("h2", null, t("matches_over_time")), chart), list);
    if (r.histogram.length) barsChart(chart, r.histogram.map((h) => h.date), r.histogram.map((h) => h.count), t("articles"));
    const all = [];
    const cols = [{ label: t("title"), key: "title" }, { label: t("published"), key: "published" }, { label: t("source"), key: "source" },
      { label: t("score"), key: "score" }, { label: t("snippet"), csv: (h) => (h.snippet || "").replace(/[\u0002\u0003]/g, "") }];
    const bar = el("div", { class: "toolbar" }, el("button", { type: "button", class: "csv", on: { click: () => downloadCsv(cols, all, "search.csv") } }, t("csv")));
    list.appendChild(bar);
    const addHits = (items) => items.forEach((h) => {
      all.push(h);
      list.appendChild(el("div", { class: "hit" },
        el("div", null, articleLink(h.id, h.title || "#" + h.id), " ", el("span", { class: "muted" }, (h.published || "").slice(0, 10))),
        el("div", { class: "snippet" }, highlighted(h.snippet)), el("div", { class: "src" }, h.source || "")));
    });
    addHits(r.items);
    let cursor = r.next_cursor;
    const more = el("button", { type: "button", id: "more" }, t("more"));
    more.hidden = !cursor;
    more.addEventListener("click", async () => {
      const n = await api("search", Object.assign({}, args2, { cursor: cursor }));
      list.removeChild(more);
      addHits(n.items);
      cursor = n.next_cursor;
      more.hidden = !cursor;
      list.appendChild(more);
    });
    list.appendChild(more);
  }

  async function viewRelation(main, args, params) {
    const a = (args[0] || params.get("a") || "").toUpperCase(), b = (args[1] || params.get("b") || "").toUpperCase();
    const by = params.get("by") || "week";
    const actors = await api("actors", { limit: 400 });
    const dl = el("datalist", { id: "actor-codes" }, actors.items.map((x) => el("option", { value: x.code }, x.name || "")));
    const f = el("form", { class: "filters" }, dl,
      el("label", null, t("actor_a"), el("input", { name: "a", list: "actor-codes", value: a, size: 8 })),
      el("label", null, t("actor_b"), el("input", { name: "b", list: "actor-codes", value: b, size: 8 })),
      el("label", null, t("by"), el("select", { name: "by" }, ["day", "week", "month"].map((x) => el("option", { value: x, selected: x === by }, t(x))))),
      el("button", { type: "submit" }, t("show")));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      const A = f.elements.a.value.trim(), B = f.elements.b.value.trim();
      if (A && B) location.hash = "#/relation/" + encodeURIComponent(A) + "/" + encodeURIComponent(B) + "?by=" + f.elements.by.value;
    });
    add(main, el("h1", null, t("nav_relation") + (a && b ? ": " + a + " – " + b : "")), f);
    if (!a || !b) return;
    const [tl, ev, qa, qb, ca] = await Promise.all([
      api("timeline", { a: a, b: b, by: by }), api("events", { actor: a, b: b, limit: 1000 }),
      api("quotes", { actor: a, limit: 50 }), api("quotes", { actor: b, limit: 50 }), api("commitments", { actor: a, limit: 1000 })]);
    const chart = el("div", { id: "timeline" });
    add(main, el("section", { class: "card" }, el("h2", null, t("timeline")), chart));
    if (tl.items.length) relationChart(chart, tl.items);
    else chart.appendChild(el("p", { class: "muted empty" }, t("none")));
    const quadName = (q) => t("q" + q);
    add(main, el("section", { class: "card" }, el("h2", null, t("events") + " (" + ev.items.length + ")"),
      table([{ label: t("date"), key: "date" }, { label: "A", render: (e) => actorLink(e.actor1.code), csv: (e) => e.actor1.code },
        { label: "B", render: (e) => actorLink(e.actor2.code), csv: (e) => e.actor2.code }, { label: t("cameo"), key: "cameo" },
        { label: t("quad"), render: (e) => quadName(e.quad), csv: (e) => e.quad }, { label: t("goldstein"), key: "goldstein", num: 1 },
        { label: t("modality"), key: "modality" }, { label: t("sentence"), render: (e) => sentenceWithSpan(e.sentence, e.span), csv: (e) => e.sentence, cls: "sentence" },
        { label: t("article"), render: (e) => articleLink(e.article_id), csv: (e) => e.article_id }], ev.items, "events-" + a + "-" + b, "events-table")));
    const quoteCols = [{ label: t("speaker"), render: (q) => (q.speaker ? q.speaker.name || q.speaker.code : ""), csv: (q) => (q.speaker ? q.speaker.name : "") },
      { label: t("quote"), key: "quote", cls: "sentence" }, { label: t("article"), render: (q) => articleLink(q.article_id), csv: (q) => q.article_id }];
    const g = el("div", { class: "grid" });
    g.appendChild(el("section", { class: "card" }, el("h2", null, t("quotes_of", { a: a })), table(quoteCols, qa.items, "quotes-" + a)));
    g.appendChild(el("section", { class: "card" }, el("h2", null, t("quotes_of", { a: b })), table(quoteCols, qb.items, "quotes-" + b)));
    const between = ca.items.filter((c) => c.who === b || c.to_whom === b || (c.who && c.who.startsWith(b)) || (c.to_whom && c.to_whom.startsWith(b)));
    add(main, g, el("section", { class: "card" }, el("h2", null, t("commitments_between")), commitmentsTable(between)));
    const arts = {};
    ev.items.forEach((e) => { arts[e.article_id] = (arts[e.article_id] || 0) + 1; });
    const artRows = Object.keys(arts).map((id) => ({ id: +id, n: arts[id] }));
    add(main, el("section", { class: "card" }, el("h2", null, t("articles")),
      table([{ label: t("article"), render: (r) => articleLink(r.id), csv: (r) => r.id }, { label: t("events"), key: "n", num: 1 }], artRows, "articles-" + a + "-" + b)));
  }

  async function viewStories(main, args, params) {
    add(main, el("h1", null, t("nav_stories")));
    const r = await api("stories", { limit: 100, cursor: params.get("cursor") });
    add(main, table([{ label: t("title"), render: (s) => el("a", { href: "#/story/" + s.id }, s.title || "#" + s.id), csv: (s) => s.title },
      { label: t("first_seen"), key: "first_seen" }, { label: t("last_seen"), key: "last_seen" },
      { label: t("num_articles"), key: "num_articles", num: 1 }, { label: t("num_sources"), key: "num_sources", num: 1 },
      { label: t("events"), key: "events", num: 1 }], r.items, "stories", "stories-table"));
    if (r.next_cursor) add(main, el("a", { href: "#/stories?cursor=" + encodeURIComponent(r.next_cursor) }, t("more")));
  }

  async function viewStory(main, args) {
    const s = await api("stories/" + encodeURIComponent(args[0] || ""));
    add(main, el("h1", null, s.title || "#" + s.id),
      el("p", { class: "totals" }, t("first_seen") + " " + s.first_seen + " · " + t("last_seen") + " " + s.last_seen + " · " +
        t("num_articles") + " " + s.num_articles + " · " + t("num_sources") + " " + s.num_sources + " · " + t("events") + " " + s.events),
      table([{ label: t("title"), render: (a) => articleLink(a.id, a.title || "#" + a.id), csv: (a) => a.title },
        { label: t("published"), key: "published" }, { label: t("source"), render: (a) => a.url || a.source || "", csv: (a) => a.url || a.source }],
        s.article_list, "story-" + s.id, "story-articles"));
  }

  async function viewActors(main) {
    add(main, el("h1", null, t("nav_actors")));
    const r = await api("actors", { limit: 1000 });
    add(main, table([{ label: t("code"), render: (a) => actorLink(a.code), csv: (a) => a.code }, { label: t("name"), key: "name" },
      { label: t("type"), key: "type" }, { label: t("country"), key: "country" }, { label: t("articles"), key: "articles", num: 1 },
      { label: t("mentions"), key: "mentions", num: 1 }], r.items, "actors", "actors-table"));
  }

  async function viewActor(main, args) {
    const code = args[0] || "";
    const r = await api("actors/" + encodeURIComponent(code));
    const main1 = r.actors[0] || {};
    add(main, el("h1", null, (main1.name || code) + " (" + code + ")"));
    add(main, table([{ label: t("code"), key: "code" }, { label: t("name"), key: "name" }, { label: t("type"), key: "type" },
      { label: t("mentions"), key: "mentions", num: 1 }], r.actors, "actor-" + code));
    const per = {};
    r.relations.forEach((d) => {
      const other = d.actor1 === code ? d.actor2 : d.actor1;
      const p = per[other] || (per[other] = { other: other, events: 0, coop: 0, conf: 0, g: 0, last: "" });
      p.events += d.events; p.coop += d.quad[0] + d.quad[1]; p.conf += d.quad[2] + d.quad[3]; p.g += d.goldstein_sum;
      if (d.period > p.last) p.last = d.period;
    });
    const rows = Object.values(per).sort((x, y) => y.events - x.events);
    add(main, el("section", { class: "card" }, el("h2", null, t("relations")),
      table([{ label: t("counterpart"), render: (p) => el("a", { href: "#/relation/" + code + "/" + p.other }, p.other), csv: (p) => p.other },
        { label: t("events"), key: "events", num: 1 }, { label: t("q1") + "+" + t("q2"), key: "coop", num: 1 }, { label: t("q3") + "+" + t("q4"), key: "conf", num: 1 },
        { label: t("goldstein"), render: (p) => (p.g / Math.max(1, p.events)).toFixed(1), csv: (p) => p.g / Math.max(1, p.events), num: 1 },
        { label: t("last_seen"), key: "last" }], rows, "relations-" + code, "relations-table")));
    add(main, el("section", { class: "card" }, el("h2", null, t("quotes_of", { a: main1.name || code })),
      table([{ label: t("speaker"), render: (q) => (q.speaker ? q.speaker.name || q.speaker.code : ""), csv: (q) => (q.speaker ? q.speaker.name : "") },
        { label: t("quote"), key: "quote", cls: "sentence" }, { label: t("article"), render: (q) => articleLink(q.article_id), csv: (q) => q.article_id }],
        r.quotes, "quotes-" + code)));
  }

  async function viewCommitments(main, args, params) {
    const st = params.get("status") || "";
    const sel = el("select", { name: "status", on: { change: (e) => { location.hash = "#/commitments" + (e.target.value ? "?status=" + e.target.value : ""); } } },
      el("option", { value: "" }, t("all")), ["open", "kept", "broken", "progress", "delayed", "cancelled"].map((s) => el("option", { value: s, selected: s === st }, s)));
    add(main, el("h1", null, t("nav_commitments")), el("form", { class: "filters" }, el("label", null, t("status"), sel)));
    const r = await api("commitments", { limit: 1000, status: st });
    add(main, commitmentsTable(r.items));
  }

  async function viewArticle(main, args) {
    const a = await api("articles/" + encodeURIComponent(args[0] || ""));
    add(main, el("h1", null, a.title || "#" + a.id),
      el("p", { class: "totals" }, (a.published || "") + " · " + (a.authors || []).join(", ") + " · ", a.url ? el("span", null, a.url) : a.source || ""),
      a.lead ? el("p", null, el("strong", null, a.lead)) : "",
      el("div", { class: "body" }, a.body.map((p, i) => el(a.headings.indexOf(i) >= 0 ? "h2" : "p", null, p))));
    if (a.quotes.length)
      add(main, el("section", { class: "card" }, el("h2", null, t("quote")),
        table([{ label: t("speaker"), render: (q) => (q.speaker ? q.speaker.name || q.speaker.code : ""), csv: (q) => (q.speaker ? q.speaker.name : "") },
          { label: t("quote"), key: "quote", cls: "sentence" }], a.quotes, "quotes-article-" + a.id)));
  }

  const views = { "": viewOverview, search: viewSearch, relation: viewRelation, stories: viewStories, story: viewStory,
    actors: viewActors, actor: viewActor, commitments: viewCommitments, article: viewArticle };

  async function route() {
    stopStream();
    status("");
    const h = location.hash.replace(/^#\/?/, "");
    const qi = h.indexOf("?");
    const path = (qi >= 0 ? h.slice(0, qi) : h).split("/").map(decodeURIComponent);
    const params = new URLSearchParams(qi >= 0 ? h.slice(qi + 1) : "");
    const name = path[0] || "";
    document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#/" + name));
    const main = clear($("#main"));
    main.setAttribute("data-view", name || "overview");
    main.setAttribute("aria-busy", "true");
    const view = views[name];
    try {
      if (!view) throw new Error("404");
      await view(main, path.slice(1), params);
    } catch (e) {
      add(main, el("p", { class: "error" }, t("error", { m: e.message })));
    }
    main.setAttribute("aria-busy", "false");
  }

  function labels() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-l]").forEach((n) => { n.textContent = t(n.getAttribute("data-l")); });
    $("#lang").textContent = t("lang_switch");
  }

  document.addEventListener("DOMContentLoaded", () => {
    labels();
    $("#lang").addEventListener("click", () => {
      lang = lang === "vi" ? "en" : "vi";
      localStorage.setItem("attache.lang", lang);
      labels();
      route();
    });
    $("#tokenform").addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem("attache.token", $("#token").value.trim());
      $("#tokenform").hidden = true;
      route();
    });
    window.addEventListener("hashchange", route);
    route();
  });
})();
