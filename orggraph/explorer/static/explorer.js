/* orggraph explorer: the page's behaviour. Every answer shown is read from the JSON that
   orggraph.explorer embedded (computed by the Python library); this script filters it by
   date, folds names for search, and draws. No network is used. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("og-data").textContent);
  const LANG = D.lang === "en" ? "en" : "da";
  const T = {
    da: {
      search: "Søg", date: "Dato", region: "Område", allRegions: "Hele landet", changes: "Ændringsdatoer",
      prev: "◀ Forrige ændring", next: "Næste ændring ▶", graph: "Graf", compare: "Sammenligning",
      results: "Resultater", hits: n => n === 1 ? "1 træf" : `${n} træf`, noHits: "Ingen knuder matcher.",
      typeToSearch: "Skriv et navn, fx »Aalborg« eller »koordinationsgruppen«.",
      graphTitle: "Organisationen som graf", kind: "Art", id: "Id", valid: "Gyldig", confidence: "Sikkerhed",
      reason: "Begrundelse", area: "Område", aliases: "Andre navne", sources: "Kilder", attributes: "Egenskaber",
      out: "Udgående relationer", in: "Indgående relationer", none: "Ingen.", who: "Hvem understøtter",
      on: "pr.", noSupport: "Ingen støtte i data.", direct: "direkte", indirect: "indirekte", via: "Sti",
      mirrors: "Spejler / spejles af", charts: "Diagrammer", openChart: "Åbn diagram",
      notInForce: "Ikke i kraft på denne dato", evidence: "Belæg", cellOf: "Belæg for", pick: "Vælg en knude i listen eller grafen.",
      compareNote: "Hver celle er beregnet af orggraph compare; vælg den for at se belægget med kilder.",
      stated: "angivet", derived: "udledt", unverified: "ikke verificeret", how: "Hvordan",
      reaches: {the_body: "hele organet", municipal_members: "kun de kommunale medlemmer", seat: "kun denne pladsgruppe", position: "kun denne post"},
      skip: "Gå til detaljer", feature: "Træk", from: "fra", to: "til", always: "altid",
      before: "før", filtered: (n, m) => `${n} af ${m} knuder vist`, compareOn: d => `Sammenligningen gælder ${d}.`,
    },
    en: {
      search: "Search", date: "Date", region: "Area", allRegions: "Whole country", changes: "Change dates",
      prev: "◀ Previous change", next: "Next change ▶", graph: "Graph", compare: "Comparison",
      results: "Results", hits: n => n === 1 ? "1 match" : `${n} matches`, noHits: "No node matches.",
      typeToSearch: "Type a name, e.g. “Aalborg” or “koordinationsgruppen”.",
      graphTitle: "The organisation as a graph", kind: "Kind", id: "Id", valid: "Valid", confidence: "Confidence",
      reason: "Reason", area: "Area", aliases: "Other names", sources: "Sources", attributes: "Attributes",
      out: "Outgoing relations", in: "Incoming relations", none: "None.", who: "Who supports",
      on: "on", noSupport: "No support in the data.", direct: "direct", indirect: "indirect", via: "Path",
      mirrors: "Mirrors / mirrored by", charts: "Charts", openChart: "Open chart",
      notInForce: "Not in force on this date", evidence: "Evidence", cellOf: "Evidence for", pick: "Choose a node in the list or the graph.",
      compareNote: "Each cell is computed by orggraph compare; choose it to see the evidence with sources.",
      stated: "stated", derived: "derived", unverified: "not verified", how: "How",
      reaches: {the_body: "the whole body", municipal_members: "the municipal members only", seat: "this seat group only", position: "this position only"},
      skip: "Skip to details", feature: "Feature", from: "from", to: "to", always: "always",
      before: "before", filtered: (n, m) => `${n} of ${m} nodes shown`, compareOn: d => `The comparison is for ${d}.`,
    },
  }[LANG];
  const KIND_EN = {KKR: "Municipal contact council", RAR: "Regional labour market council", Kommune: "Municipality",
    Sekretariat: "Secretariat", Organ: "Administrative body", Post: "Post", Organisation: "Organisation",
    Pejlemaerke: "Focus point", Samarbejde: "Cooperation", Beskaeftigelsesraad: "Regional employment council",
    Beslutning: "Decision", Opgave: "Task", Anbefaling: "Recommendation", Forsoegsrunde: "Trial round",
    Person: "Person"};
  const $ = id => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
    return e;
  };

  // -- the records ---------------------------------------------------------------------
  const NODES = new Map(D.nodes.map((n, i) => [n.id, Object.assign(n, {order: i})]));
  const EDGES = new Map(D.edges.map(e => [e.id, e]));
  const OUT = new Map(), IN = new Map();
  for (const e of D.edges) {
    (OUT.get(e.from) || OUT.set(e.from, []).get(e.from)).push(e);
    (IN.get(e.to) || IN.set(e.to, []).get(e.to)).push(e);
  }
  const CHANGES = D.periods[0] === null ? [] : D.periods.slice(1);

  // -- the library's rules, ported -------------------------------------------------------
  /** orggraph.text.fold_name: case, white space and æ/ø/å against ae/oe/aa. */
  const CASEFOLD = {"ß": "ss", "ẞ": "ss", "ς": "σ", "ſ": "s", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"};
  const DANISH = {"å": "aa", "æ": "ae", "ø": "oe", "é": "e"};
  function fold(text) {
    let s = String(text).toLowerCase().replace(/[ßẞςſﬁﬂﬀﬃﬄﬅﬆ]/g, c => CASEFOLD[c]);
    s = s.replace(/[åæøé]/g, c => DANISH[c]);
    return s.split(/[\s\u001c-\u001f\u0085]+/).filter(Boolean).join(" ");
  }
  /** OrgGraph.as_of: validity is inclusive at both ends; no day means every fact. */
  const inForce = (r, day) => day === null || ((!r.valid_from || r.valid_from <= day) && (!r.valid_to || day <= r.valid_to));
  const nodeIn = (id, day) => inForce(NODES.get(id), day);
  const edgeIn = (e, day) => inForce(e, day) && nodeIn(e.from, day) && nodeIn(e.to, day);
  function periodOf(day) {
    if (day === null) return CHANGES.length;
    let p = 0;
    while (p < CHANGES.length && CHANGES[p] <= day) p++;
    return p;
  }
  const titled = sources => sources.map(s => ({document: s.document, title: (D.documents[s.document] || {}).title || "", locator: s.locator, quote: s.quote}));
  const NODE_KEYS = ["kind", "name", "aliases", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note"];
  /** OrgGraph.node */
  function node(id) {
    const n = NODES.get(id), out = {id};
    for (const k of NODE_KEYS) out[k] = n[k];
    out.sources = titled(n.sources);
    return out;
  }
  const brief = id => ({id, kind: NODES.get(id).kind, name: NODES.get(id).name});
  /** OrgGraph.edge_row: the keys every edge row has (orggraph.graph.EDGE_ROW), the query's own after type. */
  function edgeRow(edgeId, extra) {
    const e = EDGES.get(edgeId);
    return {edge: edgeId, type: e.type, ...extra, valid_from: e.valid_from, valid_to: e.valid_to,
            confidence: e.confidence, confidence_note: e.confidence_note, sources: titled(e.sources)};
  }
  /** OrgGraph.hop */
  const hop = edgeId => edgeRow(edgeId, {from: EDGES.get(edgeId).from, to: EDGES.get(edgeId).to});
  /** orggraph.support.who_supports(graph, id, as_of=day), rebuilt from the embedded answer. */
  function whoSupports(id, day) {
    const i = (D.support[id] || [])[periodOf(day)];
    if (i === undefined || i < 0) return null;
    return {target: node(id), supporters: D.answers[i].map(([s, type, supported, reaches, direct, path, via]) => {
      const hops = path.map(hop);
      return {supporter: node(s), type, supports: brief(supported), reaches, direct, via: via === undefined ? null : via, path: hops,
              sources: hops.flatMap(h => h.sources)};
    }), unknown: unknownSupport(id, day)};
  }
  /** orggraph.support._unknown_support: what the data does not know about a council's support (its own or its seat group's note). */
  function unknownSupport(id, day) {
    const bodies = [id, ...(OUT.get(id) || []).filter(e => e.type === "MEDLEM_AF" && edgeIn(e, day)).map(e => e.to)];
    const notes = bodies.map(b => (NODES.get(b).attrs || {}).support_of_municipal_members).filter(Boolean);
    return notes.length ? notes[0] : null;
  }
  /** orggraph.support.mirrors(graph, id, as_of=day) */
  function mirrors(id, day) {
    const i = (D.mirrors[id] || [])[periodOf(day)];
    if (i === undefined || i < 0) return null;
    return {target: brief(id), mirrors: D.answers[i].map(k => {
      const e = EDGES.get(k);
      return edgeRow(k, {mirror: brief(e.from), mirrored: brief(e.to), how: e.attrs.how === undefined ? null : e.attrs.how});
    })};
  }
  const FOLDED = D.nodes.map(n => [n.id, [...new Set([n.id, n.name, ...n.aliases])].map(fold)]);
  /** OrgGraph.as_of(day).find(text): id, name or an alias contains the folded text; graph order. */
  function find(text, day) {
    const needle = fold(text), hits = [];
    for (const [id, names] of FOLDED) {
      if (names.some(s => s.includes(needle)) && nodeIn(id, day)) hits.push(brief(id));
    }
    return hits;
  }

  // -- state -----------------------------------------------------------------------------
  const S = {day: null, region: "", selected: null, view: "graph", evidence: null};
  const lastChange = CHANGES.length ? CHANGES[CHANGES.length - 1] : null;
  const kindLabel = k => LANG === "en" ? (KIND_EN[k] || k) : ((D.kinds[k] || {}).label || k);
  const relLabel = t => (D.relations[t] || {})[LANG] || t;
  const confLabel = c => T[c] || c;
  function validity(r) {
    if (!r.valid_from && !r.valid_to) return "";
    return `${r.valid_from || "…"} – ${r.valid_to || "…"}`;
  }
  const badge = c => el("span", {class: `badge ${c}`, title: T.confidence}, confLabel(c));
  const nodeButton = id => el("button", {type: "button", class: "link", "data-node": id, onclick: () => select(id, true)}, NODES.get(id).name);

  // -- the header ------------------------------------------------------------------------
  function initControls() {
    document.querySelector(".skip").textContent = T.skip;
    $("l-search").textContent = T.search; $("l-date").textContent = T.date; $("l-region").textContent = T.region;
    $("l-changes").textContent = T.changes; $("prev").textContent = T.prev; $("next").textContent = T.next;
    $("prev").setAttribute("aria-label", T.prev); $("next").setAttribute("aria-label", T.next);
    $("v-graph").textContent = T.graph; $("v-compare").textContent = T.compare; $("results-title").textContent = T.results;
    $("graph-title").textContent = T.graphTitle; $("compare-title").textContent = T.compare;
    $("compare-note").textContent = T.compareNote + (D.compare && D.compare.as_of ? ` ${T.compareOn(D.compare.as_of)}` : "");
    $("search").placeholder = LANG === "da" ? "Aalborg, koordinationsgruppen …" : "Aalborg, koordinationsgruppen …";
    $("changes").append(el("option", {value: ""}, T.changes), ...CHANGES.map(d => el("option", {value: d}, d)));
    $("region").append(el("option", {value: ""}, T.allRegions), ...D.regions.map(r => el("option", {value: r.id}, r.name)));
    $("search").addEventListener("input", () => showResults());
    $("search").addEventListener("keydown", ev => {
      if (ev.key === "Enter") { const first = $("results").querySelector("button"); if (first) first.click(); }
      if (ev.key === "ArrowDown") { const first = $("results").querySelector("button"); if (first) { ev.preventDefault(); first.focus(); } }
    });
    $("results").addEventListener("keydown", ev => {
      const buttons = [...$("results").querySelectorAll("button")], i = buttons.indexOf(document.activeElement);
      if (ev.key === "ArrowDown" && i >= 0 && i + 1 < buttons.length) { ev.preventDefault(); buttons[i + 1].focus(); }
      if (ev.key === "ArrowUp" && i > 0) { ev.preventDefault(); buttons[i - 1].focus(); }
      if (ev.key === "ArrowUp" && i === 0) { ev.preventDefault(); $("search").focus(); }
    });
    $("date").addEventListener("change", () => { if ($("date").value) setDay($("date").value); });
    $("changes").addEventListener("change", () => { if ($("changes").value) setDay($("changes").value); });
    $("prev").addEventListener("click", () => { const d = [...CHANGES].reverse().find(c => S.day === null || c < S.day); if (d) setDay(d); });
    $("next").addEventListener("click", () => { const d = CHANGES.find(c => S.day !== null && c > S.day); if (d) setDay(d); });
    $("region").addEventListener("change", () => { S.region = $("region").value; drawGraph(); writeHash(); });
    $("v-graph").addEventListener("click", () => setView("graph"));
    $("v-compare").addEventListener("click", () => setView("compare"));
    document.addEventListener("keydown", ev => {
      if (ev.key === "/" && document.activeElement.tagName !== "INPUT") { ev.preventDefault(); $("search").focus(); }
    });
    if (!D.compare) $("v-compare").hidden = true;
  }

  function setView(view) {
    S.view = view;
    $("v-graph").setAttribute("aria-pressed", String(view === "graph"));
    $("v-compare").setAttribute("aria-pressed", String(view === "compare"));
    $("graph-panel").hidden = view !== "graph";
    $("compare-panel").hidden = view !== "compare";
    if (view === "compare") drawCompare(); else if (cy) { cy.resize(); }
  }

  function setDay(day, quiet) {
    S.day = day;
    $("date").value = day || "";
    $("changes").value = CHANGES.includes(day) ? day : "";
    showResults(); drawGraph(); showDetails();
    if (!quiet) writeHash();
  }

  function showResults() {
    const text = $("search").value, list = $("results");
    list.replaceChildren();
    if (!fold(text)) { $("results-count").textContent = T.typeToSearch; return; }
    const hits = find(text, S.day);
    $("results-count").textContent = hits.length ? T.hits(hits.length) : T.noHits;
    for (const h of hits.slice(0, 200)) {
      list.append(el("li", {}, el("button", {type: "button", "data-node": h.id, "aria-current": String(h.id === S.selected), onclick: () => select(h.id, true)},
        h.name, el("br"), el("span", {class: "kind"}, kindLabel(h.kind)))));
    }
  }

  // -- the graph -----------------------------------------------------------------------
  let cy = null;
  const BAND_ORDER = ["political", "administrative", "state", "municipal"];
  const KIND_ORDER = Object.keys(D.kinds);
  // each relation's line style, as the charts draw it (orggraph.charts.style.RELATION_MEANING)
  const LINE = Object.fromEntries(Object.entries(D.relations).map(([t, r]) => [t, r.line || "structure"]));
  function visibleNodes() {
    const ids = D.nodes.filter(n => inForce(n, S.day)).map(n => n.id);
    if (!S.region) return ids;
    const mine = new Set(ids.filter(id => NODES.get(id).region === S.region));
    const extra = new Set();
    for (const id of mine) {
      for (const e of [...(OUT.get(id) || []), ...(IN.get(id) || [])]) {
        const other = e.from === id ? e.to : e.from;
        if (!mine.has(other) && NODES.get(other).region === null && edgeIn(e, S.day)) extra.add(other);
      }
    }
    return ids.filter(id => mine.has(id) || extra.has(id));
  }
  function layout(ids) {
    // columns: the areas in geographic order, then what belongs to none; rows: the bands, as in the charts
    const cols = [...D.regions.map(r => r.id), null];
    const cells = new Map();
    for (const id of ids) {
      const n = NODES.get(id), band = (D.kinds[n.kind] || {}).band || "administrative";
      const key = `${band}|${n.region}`;
      (cells.get(key) || cells.set(key, []).get(key)).push(n);
    }
    const perRow = S.region ? 6 : 2, W = 185, H = 50, pos = {}, bands = [];
    const usedCols = cols.filter(c => BAND_ORDER.some(b => cells.has(`${b}|${c}`)));
    let y = 0;
    for (const band of BAND_ORDER) {
      let rows = 0;
      usedCols.forEach((c, ci) => {
        const list = (cells.get(`${band}|${c}`) || []).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, "da"));
        list.forEach((n, i) => { pos[n.id] = {x: ci * (perRow * W + 60) + (i % perRow) * W, y: y + Math.floor(i / perRow) * H}; });
        rows = Math.max(rows, Math.ceil(list.length / perRow));
      });
      if (rows) { bands.push({band, y0: y - 30, y1: y + (rows - 1) * H + 26}); y += rows * H + 70; }
    }
    return {pos, bands, width: usedCols.length * (perRow * W + 60) - 60 - W, cols: usedCols, perRow, W};
  }
  const short = name => name.length > 52 ? name.slice(0, 50).trimEnd() + "…" : name;
  function drawGraph() {
    if (typeof cytoscape === "undefined") return;
    const ids = visibleNodes(), shown = new Set(ids), {pos, bands, width, cols, perRow, W} = layout(ids);
    const els = [];
    for (const b of bands) {
      els.push({group: "nodes", data: {id: `band-${b.band}`, label: D.bands[b.band][LANG], band: 1},
        position: {x: width / 2, y: (b.y0 + b.y1) / 2}, selectable: false, grabbable: false, classes: "band"});
      els[els.length - 1].data.w = width + 200; els[els.length - 1].data.h = b.y1 - b.y0;
    }
    cols.forEach((c, ci) => {
      const name = c ? D.regions.find(r => r.id === c).name : (LANG === "da" ? "Landsdækkende" : "National");
      els.push({group: "nodes", data: {id: `col-${c}`, label: name}, position: {x: ci * (perRow * W + 60) + (perRow - 1) * W / 2, y: (bands[0] ? bands[0].y0 : 0) - 40},
        selectable: false, grabbable: false, classes: "colhead"});
    });
    for (const id of ids) {
      const n = NODES.get(id), k = D.kinds[n.kind] || {};
      els.push({group: "nodes", data: {id, label: short(n.name) + (n.confidence !== "stated" ? " *" : ""), fill: k.fill, border: k.border},
        position: pos[id], classes: n.confidence !== "stated" ? "node uncertain" : "node"});
    }
    for (const e of D.edges) {
      if (shown.has(e.from) && shown.has(e.to) && inForce(e, S.day)) {
        els.push({group: "edges", data: {id: `e:${e.id}`, source: e.from, target: e.to, edge: e.id},
          classes: `${LINE[e.type] || "structure"}${e.confidence !== "stated" ? " uncertain" : ""}`});
      }
    }
    if (!cy) {
      cy = cytoscape({container: $("cy"), elements: els, layout: {name: "preset"}, minZoom: 0.05, maxZoom: 3,
        boxSelectionEnabled: false, style: [
          {selector: "node.node", style: {shape: "round-rectangle", width: 170, height: 36, "background-color": "data(fill)",
            "border-color": "data(border)", "border-width": 1.5, label: "data(label)", "font-size": 10, "text-wrap": "wrap",
            "text-max-width": 160, "text-valign": "center", "text-halign": "center", "min-zoomed-font-size": 7, color: "#111"}},
          {selector: "node.uncertain", style: {"border-style": "dashed"}},
          {selector: "node.band", style: {shape: "rectangle", width: "data(w)", height: "data(h)", "background-color": "#f4f4f4", "border-width": 0, label: "data(label)",
            "text-valign": "top", "text-halign": "center", "font-size": 22, color: "#777", events: "no", "z-index": 0, "z-compound-depth": "bottom"}},
          {selector: "node.colhead", style: {width: 1, height: 1, "background-opacity": 0, label: "data(label)", "font-size": 20,
            "font-weight": "bold", color: "#08306b", events: "no"}},
          {selector: "edge", style: {width: 0.7, "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e", "target-arrow-shape": "triangle-backcurve",
            "arrow-scale": 0.7, "curve-style": "straight", opacity: 0.7}},
          {selector: "edge.support", style: {width: 1.3, "line-color": "#252525", "target-arrow-color": "#252525", "target-arrow-shape": "vee", opacity: 0.9}},
          {selector: "edge.udpeger", style: {width: 2.4, "line-color": "#08306b", "target-arrow-color": "#08306b", "target-arrow-shape": "triangle", opacity: 0.9}},
          {selector: "edge.uncertain", style: {"line-style": "dashed"}},
          {selector: "node.node:selected", style: {"border-width": 4, "border-color": "#f16913"}},
          {selector: ".near", style: {opacity: 1, "z-index": 9}},
          {selector: "edge.near", style: {"line-color": "#f16913", "target-arrow-color": "#f16913", width: 2.5}},
          {selector: "node.faded", style: {opacity: 0.3}},
          {selector: "edge.faded", style: {opacity: 0.08}},
        ]});
      cy.on("tap", "node.node", ev => select(ev.target.id(), true));
    } else {
      cy.batch(() => { cy.elements().remove(); cy.add(els); });
    }
    cy.fit(undefined, 20);
    focusSelected();
    $("cy").setAttribute("aria-label", `${T.graphTitle}: ${T.filtered(ids.length, D.nodes.length)}`);
    markSelected();
  }
  function focusSelected() {
    if (!cy || !S.selected) return;
    const n = cy.getElementById(S.selected);
    if (n.empty()) return;
    cy.fit(n.closedNeighborhood(), 40);
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(n); }
  }
  function markSelected() {
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass("near faded").unselect();
      if (!S.selected) return;
      const n = cy.getElementById(S.selected);
      if (n.empty()) return;
      n.select();
      const hood = n.closedNeighborhood();
      cy.elements(".node, edge").difference(hood).addClass("faded");
      hood.addClass("near");
    });
  }

  // -- the details ---------------------------------------------------------------------------
  function sourcesList(sources) {
    return el("ol", {class: "sources"}, sources.map(s => el("li", {},
      el("span", {class: "src-title"}, s.title || s.document), " ", el("span", {class: "loc"}, `(${s.document}; ${s.locator})`),
      el("blockquote", {}, s.quote))));
  }
  function attrValue(v) {
    if (Array.isArray(v)) return v.map(x => typeof x === "string" ? x : JSON.stringify(x)).join("; ");
    return typeof v === "string" ? v : JSON.stringify(v);
  }
  function pathText(start, hops) {
    const parts = [NODES.get(start).name]; let at = start;
    for (const h of hops) {
      const label = relLabel(h.type);
      if (h.from === at) { at = h.to; parts.push(` —${label}→ ${NODES.get(at).name}`); }
      else { at = h.from; parts.push(` ←${label}— ${NODES.get(at).name}`); }
    }
    return parts.join("");
  }
  function relationItem(e, other) {
    return el("li", {}, relLabel(e.type), " ", other === e.to ? "→ " : "← ", nodeButton(other),
      validity(e) ? el("span", {class: "muted"}, ` ${T.valid.toLowerCase()} ${validity(e)}`) : null, badge(e.confidence),
      e.confidence_note ? el("div", {class: "muted"}, e.confidence_note) : null,
      Object.keys(e.attrs || {}).length ? el("div", {class: "muted"}, Object.entries(e.attrs).map(([k, v]) => `${k}: ${attrValue(v)}`).join(" · ")) : null,
      el("details", {}, el("summary", {}, `${T.sources} (${e.sources.length})`), sourcesList(titled(e.sources))));
  }
  function showDetails() {
    const box = $("details");
    box.replaceChildren();
    if (S.evidence) return showEvidence(S.evidence.feature, S.evidence.region);
    if (!S.selected) { box.append(el("p", {class: "muted"}, T.pick)); return; }
    const id = S.selected, n = node(id);
    box.append(el("h2", {id: "node-name"}, n.name));
    const dl = el("dl", {class: "attrs"});
    const add = (k, v) => { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", {}, k), el("dd", {}, v)); };
    add(T.kind, kindLabel(n.kind)); add(T.id, n.id); add(T.valid, validity(n)); add(T.confidence, badge(n.confidence));
    add(T.reason, n.confidence_note); add(T.area, n.area ? (NODES.get(n.area) || {name: n.area}).name : "");
    add(T.aliases, n.aliases.join(", "));
    box.append(dl);
    if (!nodeIn(id, S.day)) box.append(el("p", {}, el("span", {class: "badge gone"}, T.notInForce), ` (${S.day})`));
    if (Object.keys(n.attrs).length) {
      box.append(el("h3", {}, T.attributes));
      const at = el("dl", {class: "attrs", id: "node-attrs"});
      for (const [k, v] of Object.entries(n.attrs)) at.append(el("dt", {}, k), el("dd", {}, attrValue(v)));
      box.append(at);
    }
    box.append(el("h3", {}, T.sources), el("div", {id: "node-sources"}, sourcesList(n.sources)));
    const charts = NODES.get(id).charts || [];
    if (charts.length && D.charts_url !== null) {
      box.append(el("h3", {}, T.charts), el("p", {class: "chartlinks"}, charts.map(c =>
        el("a", {href: `${D.charts_url}${c}.svg`, target: "_blank", rel: "noopener"}, `${T.openChart}: ${c}`))));
    }
    // who supports
    const ws = whoSupports(id, S.day);
    const wsBox = el("section", {id: "who-supports"}, el("h3", {}, `${T.who} ${n.name}` + (S.day ? ` ${T.on} ${S.day}` : "")));
    if (ws && ws.supporters.length) {
      wsBox.append(el("ol", {class: "support"}, ws.supporters.map(s => el("li", {},
        el("button", {type: "button", class: "link", onclick: () => select(s.supporter.id, true)}, s.supporter.name),
        ` (${kindLabel(s.supporter.kind)}) – ${relLabel(s.type)}, ${T.reaches[s.reaches]}, ${s.direct ? T.direct : T.indirect}`,
        ...s.path.filter(h => h.confidence !== "stated").slice(0, 1).map(h => badge(h.confidence)),
        el("div", {class: "path"}, `${T.via}: ${pathText(s.supporter.id, s.path)}`),
        el("details", {}, el("summary", {}, `${T.sources} (${s.sources.length})`), sourcesList(s.sources))))));
    } else wsBox.append(el("p", {class: "muted"}, T.noSupport));
    if (ws && ws.unknown) wsBox.append(el("p", {class: "muted", id: "support-unknown"}, ws.unknown[0].toUpperCase() + ws.unknown.slice(1)));
    const mi = mirrors(id, S.day);
    if (mi && mi.mirrors.length) {
      wsBox.append(el("h3", {}, T.mirrors), el("ul", {class: "rels", id: "mirrors"}, mi.mirrors.map(m => el("li", {},
        nodeButton(m.mirror.id), ` ${relLabel("SPEJLER")} `, nodeButton(m.mirrored.id), badge(m.confidence),
        m.how ? el("div", {class: "muted"}, `${T.how}: ${m.how}`) : null,
        el("details", {}, el("summary", {}, `${T.sources} (${m.sources.length})`), sourcesList(m.sources))))));
    }
    box.append(wsBox);
    // relations in words, as orggraph show sorts them
    const order = (a, b, side) => a.type < b.type ? -1 : a.type > b.type ? 1 :
      NODES.get(a[side]).name < NODES.get(b[side]).name ? -1 : NODES.get(a[side]).name > NODES.get(b[side]).name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    const outs = (OUT.get(id) || []).filter(e => edgeIn(e, S.day)).sort((a, b) => order(a, b, "to"));
    const ins = (IN.get(id) || []).filter(e => edgeIn(e, S.day)).sort((a, b) => order(a, b, "from"));
    box.append(el("h3", {}, `${T.out} (${outs.length})`), outs.length ? el("ul", {class: "rels", id: "rels-out"}, outs.map(e => relationItem(e, e.to))) : el("p", {class: "muted"}, T.none));
    box.append(el("h3", {}, `${T.in} (${ins.length})`), ins.length ? el("ul", {class: "rels", id: "rels-in"}, ins.map(e => relationItem(e, e.from))) : el("p", {class: "muted"}, T.none));
  }
  function select(id, focus) {
    if (!NODES.has(id)) return;
    S.selected = id; S.evidence = null;
    if (S.view !== "graph") setView("graph");
    for (const b of $("results").querySelectorAll("button")) b.setAttribute("aria-current", String(b.dataset.node === id));
    showDetails(); markSelected(); focusSelected(); writeHash();
    if (focus) $("details").focus({preventScroll: false});
  }

  // -- the comparison ------------------------------------------------------------------------
  function drawCompare() {
    const C = D.compare, table = $("compare");
    if (!C || table.childElementCount) return;
    table.append(el("thead", {}, el("tr", {}, el("th", {scope: "col"}, T.feature), C.regions.map(r => el("th", {scope: "col"}, C.names[r] || r)))),
      el("tbody", {}, C.features.map(f => el("tr", {}, el("th", {scope: "row"}, f.label),
        C.regions.map(r => el("td", {}, el("button", {type: "button", class: "link", "data-feature": f.feature, "data-region": r,
          onclick: () => { S.evidence = {feature: f.feature, region: r}; showDetails(); $("details").focus(); }},
          f.values[r] === null || f.values[r] === undefined || f.values[r] === "" ? "–" : attrValue(f.values[r]))))))));
  }
  function showEvidence(feature, region) {
    const C = D.compare, f = C.features.find(x => x.feature === feature), box = $("details");
    box.append(el("h2", {}, `${T.cellOf}: ${f.label}`), el("p", {}, `${C.names[region] || region}: `, el("strong", {}, attrValue(f.values[region]))));
    const ids = f.evidence[region] || [];
    box.append(el("h3", {}, `${T.evidence} (${ids.length})`), el("ul", {class: "rels", id: "evidence"}, ids.map(id => {
      if (NODES.has(id)) { const n = NODES.get(id); return el("li", {}, nodeButton(id), ` (${kindLabel(n.kind)})`, badge(n.confidence), sourcesList(titled(n.sources))); }
      const e = EDGES.get(id);
      return el("li", {}, nodeButton(e.from), ` ${relLabel(e.type)} `, nodeButton(e.to), badge(e.confidence), sourcesList(titled(e.sources)));
    })));
  }

  // -- deep links ----------------------------------------------------------------------------
  let writing = false;
  function writeHash() {
    const p = new URLSearchParams();
    if (S.selected) p.set("id", S.selected);
    if (S.day) p.set("date", S.day);
    if (S.region) p.set("region", S.region);
    const hash = "#" + p.toString();
    if (location.hash !== hash) { writing = true; history.replaceState(null, "", hash); writing = false; }
  }
  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const day = p.get("date");
    S.region = p.has("region") ? p.get("region") : S.region;
    $("region").value = S.region;
    S.selected = NODES.has(p.get("id")) ? p.get("id") : S.selected;
    setDay(day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : S.day, true);
  }

  // -- start ------------------------------------------------------------------------------
  initControls();
  const legend = $("legend");
  for (const [k, v] of Object.entries(D.kinds)) {
    if (D.nodes.some(n => n.kind === k)) legend.append(el("span", {}, el("span", {class: "k", style: `background:${v.fill};border-color:${v.border}`}), kindLabel(k)));
  }
  const used = new Set(D.edges.map(e => e.type));
  const words = line => Object.entries(D.relations).filter(([t, r]) => r.line === line && used.has(t)).map(([, r]) => r[LANG === "da" ? "da" : "en"]).join(", ");
  const lines = LANG === "da" ? [["udpeger", "Tyk blå"], ["support", "sort"], ["structure", "grå"]] : [["udpeger", "Thick blue"], ["support", "black"], ["structure", "grey"]];
  for (const [line, name] of lines) {
    if (words(line)) legend.append(el("span", {class: `muted line-${line}`}, `${name}: ${words(line)}`));
  }
  legend.append(el("span", {class: "muted"}, LANG === "da" ? "stiplet og *: udledt eller ikke verificeret" : "dashed and *: derived or not verified"));
  // without a date, the page opens on the state of the data today: the latest change on or before
  // the reader's date (orggraph.graph.OrgGraph.current_day), not a known future change
  const todayIso = new Date().toISOString().slice(0, 10);
  S.day = D.as_of || [...CHANGES].reverse().find(c => c <= todayIso) || lastChange;
  if (D.nodes.length > 1500 && D.regions.length) S.region = D.regions[0].id;
  $("region").value = S.region;
  readHash();
  showResults();
  window.addEventListener("hashchange", () => { if (!writing) readHash(); });
  window.OG = {fold, find, whoSupports, mirrors, node, hop, periodOf, inForce, select, setDay, state: S, kinds: D.kinds, ready: true,
               readyAt: performance.now(), get cy() { return cy; }};
  document.documentElement.dataset.ready = "true";
})();
