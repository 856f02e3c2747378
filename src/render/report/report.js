// orgctl report --html: the page's script. Plain JavaScript, no library.
//
// The page embeds the history's facts (one per stretch of time a fact
// held, with its first and last day, both included, and the events that
// began and ended it) and the events of the range, as tables (each key
// once). This script lists the events, and draws the organisation on the
// chosen day: it keeps the facts that hold on that day, by the rule of
// `orgctl at` (a fact holds on a day from its first day to its last, both
// included; `null` means from always, or still), and builds the reporting
// tree and the unit tree from them. The view is in the address
// (`#day=2023-05-10&compare=2023-01-01`), so a link opens the same view;
// the changes between the day compared with and the day shown are
// `diff`'s (diff.js); the arrow keys step through the events.
"use strict";

(function () {
  // ---- Days: "YYYY-MM-DD" strings, which compare as dates do. ----

  const DAY_MS = 24 * 60 * 60 * 1000;

  function dayNumber(day) {
    const [y, m, d] = day.split("-").map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  }

  function dayOf(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function dayBefore(day) {
    return dayOf(dayNumber(day) - 1);
  }

  function isDay(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayOf(dayNumber(text)) === text;
  }

  // ---- The data. ----

  const data = decode(JSON.parse(document.getElementById("report-data").textContent));

  // The embedded tables as lists of objects: `facts` one list, each fact
  // with its `kind`, `from` and `until` (null: unbounded), `began` and
  // `ended` (an index into `events`, or null); a cell of another column
  // that is null is left out (a key the kind has not). Days, written as
  // numbers from 1970-01-01, are read as "YYYY-MM-DD" (which compare as
  // dates do); an event's sources, written as places in `sources`, as
  // their texts.
  function decode(raw) {
    const days = new Map();
    const dayText = (n) => {
      if (n === null) return null;
      if (!days.has(n)) days.set(n, dayOf(n));
      return days.get(n);
    };
    const objects = (table, keepNull) => table.rows.map((row) => {
      const o = {};
      table.columns.forEach((c, i) => {
        if (row[i] !== null || keepNull.includes(c)) o[c] = row[i];
      });
      return o;
    });
    const facts = [];
    for (const [kind, table] of Object.entries(raw.facts)) {
      for (const f of objects(table, ["from", "until"])) {
        f.kind = kind;
        f.from = dayText(f.from);
        f.until = dayText(f.until);
        if (f.began === undefined) f.began = null;
        if (f.ended === undefined) f.ended = null;
        facts.push(f);
      }
    }
    const all = (table) => objects(table, table.columns);
    const events = all(raw.events).map((ev) =>
      Object.assign(ev, { day: dayText(ev.day), sources: ev.sources.map((i) => raw.sources[i]) }));
    return Object.assign({}, raw, { facts: facts, events: events, units: all(raw.units) });
  }

  // Each record's facts (a holding also under its role), in the data's
  // order: what names it, its history, its kind.
  const factsOf = new Map();
  for (const f of data.facts) {
    for (const id of f.kind === "holds" ? [f.subject, f.object] : [f.subject]) {
      if (!factsOf.has(id)) factsOf.set(id, []);
      factsOf.get(id).push(f);
    }
  }
  const factsAbout = (id) => factsOf.get(id) || [];

  // The page covers first_day..last_day: a day outside is brought inside.
  function clampDay(day) {
    if (day < data.first_day) return data.first_day;
    if (day > data.last_day) return data.last_day;
    return day;
  }

  // A fact holds on `day` from its first day to its last, both included.
  function holdsOn(fact, day) {
    return (fact.from === null || fact.from <= day) && (fact.until === null || day <= fact.until);
  }

  // ---- The state on a day, from the facts. ----

  // The states of the last few days asked for: one view reads the state
  // of its day for the chart, the search and the changes, and the state
  // of the day compared with. A state is never changed once built.
  const states = new Map();

  function stateOn(day) {
    if (!states.has(day)) {
      if (states.size >= 4) states.delete(states.keys().next().value);
      states.set(day, stateBuilt(day));
    }
    return states.get(day);
  }

  function stateBuilt(day) {
    const s = {
      units: [], // ids of the units drawn (in existence, and kept), in the data's order
      allUnits: [], // ids of the units in existence (of a scoped page: kept or not)
      unitName: new Map(),
      unitParent: new Map(),
      roles: [], // ids of the roles drawn (in existence, and kept), in the data's order
      allRoles: [], // ids of the roles in existence
      kept: new Set(), // of a scoped page, the units, roles and people kept on the day
      roleTitle: new Map(),
      roleUnit: new Map(),
      line: new Map(), // role -> the role it reports to (absent: a top role)
      dotted: new Map(), // role -> the roles it reports to by a dotted line
      holders: new Map(), // role -> [{person, acting, from, seat}]
      recorded: new Set(), // roles whose holder is recorded (none: vacant)
      unrecorded: new Set(), // roles with "no holder recorded" on the day
      personName: new Map(),
      fact: new Map(), // kind NUL subject -> the fact of that kind that holds
      dottedFacts: new Map(), // role -> its dotted facts that hold
      attrs: new Map(), // record -> attribute key -> its fact that holds
    };
    const push = (map, key, value) => {
      if (!map.has(key)) map.set(key, []);
      map.get(key).push(value);
    };
    for (const f of data.facts) {
      if (!holdsOn(f, day)) continue;
      s.fact.set(f.kind + "\u0000" + f.subject, f);
      switch (f.kind) {
        case "unit_exists": s.allUnits.push(f.subject); break;
        case "unit_name": s.unitName.set(f.subject, f.value); break;
        case "unit_parent": s.unitParent.set(f.subject, f.object); break;
        case "role_exists": s.allRoles.push(f.subject); break;
        case "role_title": s.roleTitle.set(f.subject, f.value); break;
        case "role_unit": s.roleUnit.set(f.subject, f.object); break;
        case "reports_to": if (f.object) s.line.set(f.subject, f.object); break; // no object: a top role
        case "dotted": push(s.dotted, f.subject, f.object); push(s.dottedFacts, f.subject, f); break;
        case "holds":
          push(s.holders, f.object, { person: f.subject, acting: f.acting === true, from: f.from, seat: f.seat, fact: f });
          break;
        case "attribute":
          if (!s.attrs.has(f.subject)) s.attrs.set(f.subject, new Map());
          s.attrs.get(f.subject).set(f.key, f);
          break;
        case "holder_recorded": s.recorded.add(f.subject); break;
        case "unrecorded": s.unrecorded.add(f.subject); break;
        case "person_name": s.personName.set(f.subject, f.value); break;
        case "line_set": s.fact.set("line_set\u0000" + f.subject, f); break;
        case "kept": s.kept.add(f.subject); break;
      }
    }
    // With --unit or --depth, a role is kept on the days it exists in a
    // kept unit, a person on the days they hold a kept role.
    for (const r of s.allRoles) {
      if (s.kept.has(s.roleUnit.get(r))) s.kept.add(r);
    }
    for (const [role, list] of s.holders) {
      if (s.kept.has(role)) list.forEach((h) => s.kept.add(h.person));
    }
    // The page draws what exists and (with --unit or --depth) is kept.
    const shown = (id) => data.scope === null || s.kept.has(id);
    s.units = s.allUnits.filter(shown);
    s.roles = s.allRoles.filter(shown);
    s.shownIds = new Set(s.units.concat(s.roles));
    // Holders by the day they took the role (from always first), then seat.
    for (const list of s.holders.values()) {
      list.sort((a, b) => (a.from || "").localeCompare(b.from || "") || a.seat - b.seat);
    }
    return s;
  }

  // What a role nobody holds is: "vacant" once a holder was recorded,
  // else "unrecorded" (no holder recorded), as `orgctl at` says.
  function statusOf(s, role) {
    if ((s.holders.get(role) || []).length > 0) return "filled";
    if (s.recorded.has(role) && !s.unrecorded.has(role)) return "vacant";
    return "unrecorded";
  }

  // A name that holds on the day, else the nearest one the data has.
  function nearName(kind, subject, day, fallback) {
    let best = null;
    for (const f of factsAbout(subject)) {
      if (f.kind !== kind || f.subject !== subject) continue;
      if (holdsOn(f, day)) return f.value;
      if (best === null || (f.until !== null && f.until < day)) best = f.value;
    }
    return best === null ? fallback : best;
  }

  // ---- Drawing: elements built with textContent only (no HTML from data). ----

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children) {
      e.append(c);
    }
    return e;
  }

  // Appends to `li` a list of the nodes `draw` makes of `below`, if any.
  function appendBelow(li, below, draw) {
    if (below.length > 0) li.append(el("ul", {}, ...below.map(draw)));
  }

  // Of `ids` (in order), those whose `upOf(id)` is among them are grouped
  // under it; the others are the roots of the tree.
  function treeOf(ids, upOf) {
    const present = new Set(ids);
    const below = new Map();
    const roots = [];
    for (const id of ids) {
      const up = upOf(id);
      if (up && present.has(up)) {
        if (!below.has(up)) below.set(up, []);
        below.get(up).push(id);
      } else {
        roots.push(id);
      }
    }
    return { roots, below };
  }

  function roleLabel(s, role, day) {
    const title = s.roleTitle.get(role) || nearName("role_title", role, day, role);
    const unit = s.roleUnit.get(role);
    const unitName = unit ? s.unitName.get(unit) || nearName("unit_name", unit, day, unit) : null;
    return unitName ? title + ", " + unitName : title;
  }

  function personLabel(s, person, day) {
    return s.personName.get(person) || nearName("person_name", person, day, person);
  }

  // One role of the reporting tree, with the roles reporting to it below.
  function roleNode(s, role, reports, day, seen) {
    seen.add(role);
    const holders = s.holders.get(role) || [];
    const status = statusOf(s, role);
    const li = el("li", {
      class: "role status-" + status,
      "data-role": role,
      "data-unit": s.roleUnit.get(role) || null,
      "data-status": status,
      "data-reports-to": s.line.get(role) || null,
      "data-title": s.roleTitle.get(role) || nearName("role_title", role, day, role),
      "data-holders": holders.map((h) => h.person).join(" "),
      "data-dotted": (s.dotted.get(role) || []).join(" ") || null,
    });
    const node = el("span", { class: "node" });
    if (holders.length === 0) {
      const words = status === "vacant" ? "vacant" : "no holder recorded";
      node.append(el("span", { class: "holder" }, "(" + words + ")"));
    }
    holders.forEach((h, i) => {
      if (i > 0) node.append(", ");
      const name = personLabel(s, h.person, day);
      node.append(el("span", { class: "holder", "data-person": h.person, "data-name": name }, name));
      if (h.acting) node.append(" ", el("span", { class: "acting" }, "(acting)"));
    });
    node.append(" — ", el("span", { class: "role-title" }, roleLabel(s, role, day)));
    for (const to of s.dotted.get(role) || []) {
      node.append(el("span", { class: "dotted", "data-dotted-to": to, title: "dotted line" },
        "┄ dotted line to " + roleLabel(s, to, day)));
    }
    li.append(node);
    const below = (reports.get(role) || []).filter((r) => !seen.has(r));
    appendBelow(li, below, (r) => roleNode(s, r, reports, day, seen));
    return li;
  }

  // One unit of the unit tree, with its child units below.
  function unitNode(s, unit, children, kinds, seen) {
    seen.add(unit);
    const name = s.unitName.get(unit) || unit;
    const li = el("li", {
      class: "unit",
      "data-unit": unit,
      "data-parent": s.unitParent.get(unit) || null,
      "data-name": name,
    });
    const node = el("span", { class: "node" }, name);
    if (kinds.get(unit)) node.append(" ", el("span", { class: "unit-kind" }, "(" + kinds.get(unit) + ")"));
    li.append(node);
    const below = (children.get(unit) || []).filter((u) => !seen.has(u));
    appendBelow(li, below, (u) => unitNode(s, u, children, kinds, seen));
    return li;
  }

  const kinds = new Map(data.units.map((u) => [u.id, u.kind]));

  function drawOrganisation(day) {
    const s = stateOn(day);
    // The reporting tree: top roles first, each with the roles reporting to
    // it (`seen` guards against drawing a role twice).
    const lines = treeOf(s.roles, (r) => s.line.get(r));
    const seen = new Set();
    document.getElementById("reporting")
      .replaceChildren(...lines.roots.map((r) => roleNode(s, r, lines.below, day, seen)));
    // The unit tree: units without a parent on the day at the top.
    const units = treeOf(s.units, (u) => s.unitParent.get(u));
    const unitSeen = new Set();
    document.getElementById("units")
      .replaceChildren(...units.roots.map((u) => unitNode(s, u, units.below, kinds, unitSeen)));
    document.getElementById("org-note").textContent =
      s.roles.length === 0 ? "No role exists on this day." : "";
  }

  // The timeline: the events near the day shown, each a button that
  // selects it: its day, compared with the day before (what the event
  // changed). A page of thousands of events would take seconds to lay
  // out all of them: it lists NEAR events on each side of the day, with
  // buttons that list more.
  const NEAR = 150;
  let listed = null; // [first, last): the events listed, as indexes

  function eventItem(ev) {
    const head = el("div", {}, el("button", { type: "button", "data-day": ev.day }, ev.date));
    if (ev.precision !== "day" || ev.qualifier !== "exact") {
      head.append(" ", el("span", { class: "event-precision" }, "(" + ev.precision + ", " + ev.qualifier + ")"));
    }
    if (ev.reported !== null && ev.reported !== ev.date) {
      head.append(" ", el("span", { class: "event-reported" }, "(reported " + ev.reported + ")"));
    }
    head.append(" ", el("span", { class: "event-title" }, ev.title || ev.id));
    const li = el("li", { id: "event-" + ev.id, "data-event": ev.id, "data-day": ev.day }, head);
    if (ev.sources.length > 0) {
      li.append(el("ul", { class: "sources" }, ...ev.sources.map((src) => el("li", {}, src))));
    }
    return li;
  }

  // Lists the events from index `first` to `last` (excluded).
  function listEvents(first, last) {
    const count = data.events.length;
    listed = [Math.max(0, first), Math.min(count, last)];
    const items = data.events.slice(listed[0], listed[1]).map(eventItem);
    const more = (which, n) => el("li", { class: "more" },
      el("button", { type: "button", "data-more": which }, "Show " + n + " " + which + " events"));
    if (listed[0] > 0) items.unshift(more("earlier", Math.min(NEAR, listed[0])));
    if (listed[1] < count) items.push(more("later", Math.min(NEAR, count - listed[1])));
    document.getElementById("events").replaceChildren(...items);
    markEvents();
  }

  // The events of the day shown stand out; those after it are dimmed.
  function markEvents() {
    for (const li of document.querySelectorAll("#events > li[data-day]")) {
      const d = li.getAttribute("data-day");
      li.classList.toggle("on-day", d === view.day);
      li.classList.toggle("after", d > view.day);
    }
  }

  // Lists the events near event `at` (an index), unless it is listed.
  function listNear(at) {
    if (listed === null || at < listed[0] || at >= listed[1]) listEvents(at - NEAR, at + NEAR);
    else markEvents();
  }

  // The timeline around `day`: its events, or the next (the last if none).
  function drawEvents(day) {
    const next = data.events.findIndex((ev) => ev.day >= day);
    listNear(next === -1 ? data.events.length - 1 : next);
  }

  document.getElementById("events").addEventListener("click", (e) => {
    const more = e.target.closest("button[data-more]");
    if (more) {
      const earlier = more.getAttribute("data-more") === "earlier";
      listEvents(listed[0] - (earlier ? NEAR : 0), listed[1] + (earlier ? 0 : NEAR));
      return;
    }
    const button = e.target.closest("button[data-day]");
    if (!button) return;
    const day = button.getAttribute("data-day");
    update({ day: day, compare: dayBefore(day) });
  });

  // The timeline's item of event `id`, listed if it was not.
  function eventElement(id) {
    const at = data.events.findIndex((ev) => ev.id === id);
    if (at === -1) return null;
    listNear(at);
    return document.getElementById("event-" + id);
  }

  // ---- Search and focus: people, roles and units by name or alias. ----

  // The kinds of fact that name a record, and what they call the name.
  const NAMING = { person_name: "name", unit_name: "name", role_title: "title", alias: "alias" };

  // Whether a record is on the chart's day: a unit or role that exists
  // (and, of a scoped page, is kept) on the day; a person always.
  function existsOn(s, id) {
    if (recordKind(id) === "person") return true;
    return s.shownIds.has(id);
  }

  // The records in existence on `day` one of whose names or aliases, valid
  // on that day, contains `text` (case aside): [{id, name, kind}], each
  // record once.
  function search(text, day) {
    const wanted = text.trim().toLowerCase();
    const found = new Map();
    if (wanted === "") return [];
    const s = stateOn(day);
    for (const f of data.facts) {
      if (!(f.kind in NAMING) || !holdsOn(f, day)) continue;
      if (!f.value.toLowerCase().includes(wanted) || found.has(f.subject)) continue;
      if (!existsOn(s, f.subject)) continue;
      found.set(f.subject, { id: f.subject, name: f.value, kind: NAMING[f.kind] });
    }
    return [...found.values()];
  }

  // What a record is: "person", "role" or "unit" (null: not in the data).
  function recordKind(id) {
    for (const f of factsAbout(id)) {
      if (f.subject !== id) continue;
      if (f.kind.startsWith("person_")) return "person";
      if (f.kind.startsWith("role_")) return "role";
      if (f.kind.startsWith("unit_")) return "unit";
    }
    return null;
  }

  // The name of a record on `day` (the nearest the data has); any other
  // text (a value) as it is.
  function labelOf(id, day) {
    const kind = recordKind(id);
    if (kind === null) return id;
    const nameKind = kind === "person" ? "person_name" : kind === "role" ? "role_title" : "unit_name";
    return nearName(nameKind, id, day, id);
  }

  // The chart's nodes that show a record on the day drawn.
  function nodesOf(id) {
    const q = CSS.escape(id);
    return document.querySelectorAll(
      "#reporting .holder[data-person=\"" + q + "\"], " +
      "#reporting li[data-role=\"" + q + "\"] > .node, " +
      "#units li[data-unit=\"" + q + "\"] > .node");
  }

  // The words for each kind of fact of the history panel.
  const FACT_WORDS = {
    person_name: "name", unit_name: "name", role_title: "title", alias: "alias",
    holds: "holds", role_unit: "in unit", unit_parent: "part of", reports_to: "reports to",
    dotted: "dotted line to", heads: "heads", unit_exists: "exists", role_exists: "exists",
    attribute: "attribute",
  };

  // The facts of a record's history, as `orgctl history` has them: its
  // names, titles and aliases, the roles it holds (a person) or its
  // holders (a role), its unit and lines, each with its first and last day.
  function historyOf(id) {
    const mine = factsAbout(id).filter((f) => f.kind in FACT_WORDS);
    return mine.sort((a, b) => (a.from || "").localeCompare(b.from || ""));
  }

  function drawSearch(day) {
    const box = document.getElementById("search");
    if (box.value !== view.q) box.value = view.q;
    const results = search(view.q, day).map((r) =>
      el("li", {}, el("button", { type: "button", "data-found": r.id }, r.name),
        " (" + r.kind + ")"));
    document.getElementById("search-results").replaceChildren(...results);
    document.getElementById("search-note").textContent =
      view.q.trim() !== "" && results.length === 0 ? "Nothing of that name on " + day + "." : "";
  }

  // Marks the focused record on the chart and shows its history.
  function drawFocus(day) {
    const panel = document.getElementById("focus");
    const id = view.focus;
    const kind = id === null ? null : recordKind(id);
    if (kind === null) {
      panel.replaceChildren();
      panel.hidden = true;
      return;
    }
    for (const node of nodesOf(id)) {
      node.classList.add("focus");
      node.setAttribute("data-focus", id);
    }
    const name = labelOf(id, day);
    const facts = historyOf(id).map((f) => {
      const other = f.kind === "holds" ? (f.subject === id ? f.object : f.subject) : f.object;
      const what = f.value !== undefined ? f.value : other || "(top)";
      const shown = f.value !== undefined || !other ? what : labelOf(other, day);
      const acting = f.acting ? " (acting)" : "";
      const when = (f.from || "always") + " to " + (f.until || "now");
      return el("li", {
        "data-fact": f.kind,
        "data-value": what,
        "data-from": f.from,
        "data-until": f.until,
      }, FACT_WORDS[f.kind] + ": " + (f.key ? f.key + " = " : "") + shown + acting + ", " + when);
    });
    const onChart = nodesOf(id).length > 0 ? "" : " (not on the chart on " + day + ")";
    panel.replaceChildren(
      el("h2", { "data-focus-id": id, "data-focus-kind": kind }, "History of " + name + onChart),
      el("ul", { class: "facts" }, ...facts),
      el("button", { type: "button", id: "unfocus" }, "Close"));
    panel.hidden = false;
  }

  // ---- The changes of an event's day, marked as `orgctl diff` marks them. ----

  // The colour class of a letter, as `diff` colours it: additions,
  // removals, the rest. The letter itself is always shown too.
  function markClass(letter) {
    if (letter === "A" || letter === "+") return "mark mark-added";
    if (letter === "D" || letter === "-") return "mark mark-removed";
    return "mark mark-changed";
  }

  // A button with a change's letter, which selects its event.
  function markButton(c, attrs) {
    const title = c.kind + (c.event ? " (event " + c.event + ")" : "");
    return el("button", Object.assign({ type: "button", class: markClass(c.letter), title: title,
      "data-event": c.event }, attrs), c.letter);
  }

  function drawChanges() {
    const panel = document.getElementById("changes");
    if (view.compare === null) {
      panel.replaceChildren();
      panel.hidden = true;
      return;
    }
    const head = el("h2", {}, "Changes from " + view.compare + " to " + view.day);
    panel.hidden = false;
    if (view.compare > view.day) {
      panel.replaceChildren(head, el("p", { class: "refused" },
        "The day compared with is after the day shown: compare with an earlier day (as orgctl diff asks)."));
      return;
    }
    // Computed here as `diff` computes it (diff.js).
    const known = diffDays(view.compare, view.day);
    const items = known.changes.map((c) => {
      // On the chart: the letter beside the subject, when it is shown.
      for (const node of nodesOf(c.subject)) {
        node.append(" ", markButton(c, { "data-mark": c.kind, "data-mark-subject": c.subject }));
      }
      const name = (id) => (id === null ? "(none)" : labelOf(id, view.day));
      const words = [name(c.subject)];
      if (c.key) words.push(c.key + ":");
      if (c.before !== null || c.after !== null) words.push(name(c.before) + " → " + name(c.after));
      return el("li", {
        "data-change": c.kind,
        "data-subject": c.subject,
        "data-before": c.before,
        "data-after": c.after,
        "data-change-event": c.event,
        "data-letter": c.letter,
        "data-key": c.key,
        "data-acting": c.acting ? "true" : null,
        "data-moved-to": c.moved_to,
      }, markButton(c, {}), " " + c.kind + ": " + words.join(" "));
    });
    // The people view: whose situation changed (hired, left, moved, new
    // role, new manager), marked beside them too.
    const people = known.people.map((c) => {
      const kind = { kind: c.kind, letter: c.letter, event: c.event };
      for (const node of nodesOf(c.person)) {
        node.append(" ", markButton(kind, { "data-person-mark": c.kind, "data-mark-subject": c.person }));
      }
      const place = (p) => (p ? labelOf(p.role, view.day) + (p.unit ? ", " + labelOf(p.unit, view.day) : "") : "(none)");
      return el("li", {
        "data-person-change": c.kind,
        "data-change-person": c.person,
        "data-before": c.before ? c.before.role : null,
        "data-after": c.after ? c.after.role : null,
        "data-change-event": c.event,
        "data-letter": c.letter,
      }, markButton(kind, {}), " " + c.kind + ": " + labelOf(c.person, view.day) + ": " + place(c.before) + " → " + place(c.after));
    });
    const lists = [];
    if (items.length > 0) lists.push(el("ul", {}, ...items));
    if (people.length > 0) lists.push(el("h3", {}, "People"), el("ul", {}, ...people));
    panel.replaceChildren(head, ...(lists.length === 0 ? [el("p", {}, "No change.")] : lists));
  }

  // ---- The view, and the address that carries it. ----

  const picker = document.getElementById("day-picker");
  const slider = document.getElementById("day-slider");
  const comparePicker = document.getElementById("compare-picker");
  const firstNumber = dayNumber(data.first_day);
  const diffDays = orgctlDiff(data, stateOn, (day) => dayOf(dayNumber(day) + 1));
  picker.min = comparePicker.min = data.first_day;
  picker.max = comparePicker.max = data.last_day;
  slider.max = String(dayNumber(data.last_day) - firstNumber);

  // What is shown: the day, the focused record (its id), the day compared
  // with (its changes up to `day` marked) and the search text.
  let view = { day: data.open_day, focus: null, compare: null, q: "" };

  // The one place that reads the address:
  // `#day=YYYY-MM-DD&focus=ID&compare=YYYY-MM-DD&q=TEXT`, every key
  // optional; a day that is not a date is left out.
  function readAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    const day = params.get("day");
    const compare = params.get("compare");
    return {
      day: day && isDay(day) ? day : data.open_day,
      focus: params.get("focus") || null,
      compare: compare && isDay(compare) ? compare : null,
      q: params.get("q") || "",
    };
  }

  // ... and the one that writes it.
  function writeAddress() {
    const params = new URLSearchParams();
    params.set("day", view.day);
    if (view.focus !== null) params.set("focus", view.focus);
    if (view.compare !== null) params.set("compare", view.compare);
    if (view.q !== "") params.set("q", view.q);
    const hash = "#" + params.toString();
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  // Draws the page for `view`: the controls, the timeline, the chart, then
  // the focus and the changes marked on it.
  function render() {
    const day = view.day;
    picker.value = day;
    comparePicker.value = view.compare || "";
    comparePicker.max = day;
    slider.value = String(dayNumber(day) - firstNumber);
    document.getElementById("day-shown").textContent = day;
    document.getElementById("org-day").textContent = day;
    document.body.setAttribute("data-day", day);
    document.body.setAttribute("data-compare", view.compare || "");
    drawEvents(day);
    drawOrganisation(day);
    drawSearch(day);
    drawFocus(day);
    drawChanges();
  }

  // Changes the view by `changes`, draws it and keeps the address on it.
  function update(changes) {
    view = Object.assign({}, view, changes);
    view.day = clampDay(view.day);
    // The day compared with is in the range too, or the day before it
    // (what the first day's events changed).
    if (view.compare !== null && view.compare !== dayBefore(data.first_day)) view.compare = clampDay(view.compare);
    render();
    writeAddress();
  }

  picker.addEventListener("change", () => {
    if (isDay(picker.value)) update({ day: picker.value, compare: null });
  });
  comparePicker.addEventListener("change", () =>
    update({ compare: isDay(comparePicker.value) ? comparePicker.value : null }));
  document.getElementById("compare-clear").addEventListener("click", () => update({ compare: null }));
  slider.addEventListener("input", () => update({ day: dayOf(firstNumber + Number(slider.value)), compare: null }));
  document.getElementById("search").addEventListener("input", (e) => update({ q: e.target.value }));
  document.addEventListener("click", (e) => {
    const found = e.target.closest("button[data-found]");
    if (found) update({ focus: found.getAttribute("data-found") });
    if (e.target.closest("#unfocus")) update({ focus: null });
    // A change's letter: its event, shown in the timeline.
    const mark = e.target.closest("button.mark[data-event]");
    const event = mark && eventElement(mark.getAttribute("data-event"));
    if (event) {
      event.scrollIntoView({ block: "nearest" });
      event.classList.add("selected");
    }
  });
  window.addEventListener("hashchange", () => update(readAddress()));

  // ---- The keyboard: the arrows step through the events. ----

  // The days of the events, each once, in order.
  const eventDays = [...new Set(data.events.map((ev) => ev.day))].sort();

  // Shows an event's day and what it changed, its event focused in view.
  function stepTo(day) {
    update({ day: day, compare: dayBefore(day) });
    const button = document.querySelector("#events > li.on-day button[data-day]");
    if (button) {
      button.focus({ preventScroll: true });
      // In the middle of the window: not under the header, which stays.
      button.closest("li").scrollIntoView({ block: "center" });
    }
  }

  // Left and Right: the event before or after the day shown; Home and
  // End: the first and last. Not while typing in a field, nor with a
  // modifier (the browser's own shortcuts).
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.target instanceof Element && e.target.closest("input, textarea, select, [contenteditable]")) return;
    const steps = {
      ArrowRight: () => eventDays.find((d) => d > view.day),
      ArrowLeft: () => eventDays.filter((d) => d < view.day).pop(),
      Home: () => eventDays[0],
      End: () => eventDays[eventDays.length - 1],
    };
    if (!(e.key in steps)) return;
    e.preventDefault();
    const day = steps[e.key]();
    if (day !== undefined) stepTo(day);
  });

  update(readAddress());
})();
