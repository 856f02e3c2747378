// orgctl report --html: the page's script. Plain JavaScript, no library.
//
// The page embeds the history's facts (one per stretch of time a fact
// held, with its first and last day, both included) and the events of the
// range. This script lists the events, and draws the organisation on the
// chosen day: it keeps the facts that hold on that day, by the rule of
// `orgctl at` (a fact holds on a day from its first day to its last, both
// included; `null` means from always, or still), and builds the reporting
// tree and the unit tree from them. The day is in the address
// (`#day=2023-05-10`), so a link opens the same day.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);

  // ---- Days: "YYYY-MM-DD" strings, which compare as dates do. ----

  const DAY_MS = 24 * 60 * 60 * 1000;

  function dayNumber(day) {
    const [y, m, d] = day.split("-").map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  }

  function dayOf(number) {
    return new Date(number * DAY_MS).toISOString().slice(0, 10);
  }

  function isDay(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && dayOf(dayNumber(text)) === text;
  }

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

  function stateOn(day) {
    const s = {
      units: [], // ids of the units in existence, in the data's order
      unitName: new Map(),
      unitParent: new Map(),
      roles: [], // ids of the roles in existence, in the data's order
      roleTitle: new Map(),
      roleUnit: new Map(),
      line: new Map(), // role -> the role it reports to (absent: a top role)
      dotted: new Map(), // role -> the roles it reports to by a dotted line
      holders: new Map(), // role -> [{person, acting, from, seat}]
      recorded: new Set(), // roles whose holder is recorded (none: vacant)
      unrecorded: new Set(), // roles with "no holder recorded" on the day
      personName: new Map(),
    };
    const push = (map, key, value) => {
      if (!map.has(key)) map.set(key, []);
      map.get(key).push(value);
    };
    for (const f of data.facts) {
      if (!holdsOn(f, day)) continue;
      switch (f.kind) {
        case "unit_exists": s.units.push(f.subject); break;
        case "unit_name": s.unitName.set(f.subject, f.value); break;
        case "unit_parent": s.unitParent.set(f.subject, f.object); break;
        case "role_exists": s.roles.push(f.subject); break;
        case "role_title": s.roleTitle.set(f.subject, f.value); break;
        case "role_unit": s.roleUnit.set(f.subject, f.object); break;
        case "reports_to": if (f.object) s.line.set(f.subject, f.object); break; // no object: a top role
        case "dotted": push(s.dotted, f.subject, f.object); break;
        case "holds":
          push(s.holders, f.object, { person: f.subject, acting: f.acting === true, from: f.from, seat: f.seat });
          break;
        case "holder_recorded": s.recorded.add(f.subject); break;
        case "unrecorded": s.unrecorded.add(f.subject); break;
        case "person_name": s.personName.set(f.subject, f.value); break;
      }
    }
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
    for (const f of data.facts) {
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

  // The timeline: every event of the range, each a button to its day.
  function drawEvents() {
    const list = document.getElementById("events");
    for (const ev of data.events) {
      const head = el("div", {}, el("button", { type: "button", "data-day": ev.day }, ev.date));
      if (ev.precision !== "day" || ev.qualifier !== "exact") {
        head.append(" ", el("span", { class: "event-precision" }, "(" + ev.precision + ", " + ev.qualifier + ")"));
      }
      if (ev.reported !== null && ev.reported !== ev.date) {
        head.append(" ", el("span", { class: "event-reported" }, "(reported " + ev.reported + ")"));
      }
      head.append(" ", el("span", { class: "event-title" }, ev.title || ev.id));
      const li = el("li", { "data-event": ev.id, "data-day": ev.day }, head);
      if (ev.sources.length > 0) {
        li.append(el("ul", { class: "sources" }, ...ev.sources.map((src) => el("li", {}, src))));
      }
      list.append(li);
    }
    list.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-day]");
      if (button) show(button.getAttribute("data-day"));
    });
  }

  // ---- The controls and the address. ----

  const picker = document.getElementById("day-picker");
  const slider = document.getElementById("day-slider");
  const firstNumber = dayNumber(data.first_day);
  picker.min = data.first_day;
  picker.max = data.last_day;
  slider.max = String(dayNumber(data.last_day) - firstNumber);

  // Shows the organisation on `day`, and keeps the controls and address on it.
  function show(day) {
    day = clampDay(day);
    picker.value = day;
    slider.value = String(dayNumber(day) - firstNumber);
    document.getElementById("day-shown").textContent = day;
    document.getElementById("org-day").textContent = day;
    document.body.setAttribute("data-day", day);
    for (const li of document.querySelectorAll("#events > li")) {
      const d = li.getAttribute("data-day");
      li.classList.toggle("on-day", d === day);
      li.classList.toggle("after", d > day);
    }
    drawOrganisation(day);
    const hash = "#day=" + day;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  // The day the address names (`#day=YYYY-MM-DD`), if any.
  function dayInAddress() {
    const params = new URLSearchParams(location.hash.slice(1));
    const day = params.get("day");
    return day && isDay(day) ? day : null;
  }

  picker.addEventListener("change", () => {
    if (isDay(picker.value)) show(picker.value);
  });
  slider.addEventListener("input", () => show(dayOf(firstNumber + Number(slider.value))));
  window.addEventListener("hashchange", () => {
    const day = dayInAddress();
    if (day) show(day);
  });

  drawEvents();
  show(dayInAddress() || data.open_day);
})();
