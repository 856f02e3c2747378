// orgctl report --html: what changed between any two days, computed in the
// page from the embedded facts as `orgctl diff FROM TO` finds it (see
// src/query/diff.rs and src/query/people.rs, which this mirrors): the same
// kinds, letters, subjects, before and after, events, in the same order.
// Each fact carries the events that began and ended it, so a change names
// the event `diff` names: the one that began the fact holding on TO, or
// ended the one holding on FROM, by the same rule for each kind. Of a
// scoped page (--unit, --depth), the changes of the records kept on one
// of the two days (whose facts the page holds).
"use strict";

// `stateOn(day)` is the page's state on a day (report.js); `dayAfter(day)`
// the next day. Returns `diffDays(from, to)`: {changes, people}.
function orgctlDiff(data, stateOn, dayAfter) {
  // The kinds of change in the order `diff` reports them, with its letters.
  const LETTERS = {
    "unit-created": "A", "unit-dissolved": "D", "unit-moved": "M", "unit-renamed": "R",
    "role-created": "A", "role-eliminated": "D", "role-moved": "M", "role-retitled": "R",
    "person-renamed": "R", "appointed": "+", "left": "-", "line-changed": "L",
    "attribute-changed": "S", "dotted-line-changed": "~",
  };
  const ORDER = Object.keys(LETTERS);
  // The people view's kinds, the most telling first, and their letters.
  const PEOPLE = { "hired": "+", "left": "-", "moved": "M", "new-role": "R", "new-manager": "L" };

  // The records in load order: units as the data lists them, roles and
  // people by their first fact (the facts of a kind are in record order).
  const units = data.units.map((u) => u.id);
  const dissolvedInto = new Map(data.units.map((u) => [u.id, u.dissolved_into]));
  const roles = [];
  const people = [];
  const seen = new Set();
  for (const kinds of [["role_exists"], ["person_name"], ["holds"]]) {
    for (const f of data.facts) {
      if (!kinds.includes(f.kind) || seen.has(f.subject)) continue;
      seen.add(f.subject);
      (f.kind === "role_exists" ? roles : people).push(f.subject);
    }
  }

  // A stamp: the day a fact began (or the day after it ended) and the
  // event that did it (null: none, or not on the page).
  const began = (f) => (f ? { day: f.from, event: f.began } : null);
  const ended = (f) => (f && f.until !== null ? { day: dayAfter(f.until), event: f.ended } : null);
  // The id of a stamp's event, or null.
  const eventOf = (stamp) => (stamp && stamp.event !== null ? data.events[stamp.event].id : null);
  // The first of `ids` that is not null (as `Option::or` chains them).
  const first = (...ids) => ids.find((id) => id !== null) || null;
  // A stamp after `from` (a fact that began between the two days).
  const after = (stamp, from) => (stamp && stamp.day !== null && stamp.day > from ? stamp : null);

  const fact = (s, kind, id) => s.fact.get(kind + "\u0000" + id);

  // Where each person's holdings on a day are: person -> [holding].
  function heldBy(s) {
    const map = new Map();
    for (const list of s.holders.values()) {
      for (const h of list) {
        if (!map.has(h.person)) map.set(h.person, []);
        map.get(h.person).push(h);
      }
    }
    return map;
  }

  function diffDays(from, to) {
    const a = stateOn(from);
    const b = stateOn(to);
    const [aUnits, bUnits] = [new Set(a.allUnits), new Set(b.allUnits)];
    const [aRoles, bRoles] = [new Set(a.allRoles), new Set(b.allRoles)];
    const out = [];
    const change = (kind, subject, before, after_, event, extra) => {
      const c = Object.assign({ kind: kind, subject: subject, before: before, after: after_, event: event }, extra);
      out.push(c);
      return c;
    };
    const or = (x) => (x === undefined ? null : x);

    for (const u of units) {
      const [ea, eb] = [aUnits.has(u), bUnits.has(u)];
      if (!ea && eb) {
        change("unit-created", u, null, or(b.unitParent.get(u)), eventOf(began(fact(b, "unit_exists", u))));
      } else if (ea && !eb) {
        const into = or(dissolvedInto.get(u));
        change("unit-dissolved", u, or(a.unitParent.get(u)), into !== null && bUnits.has(into) ? into : null,
          eventOf(ended(fact(a, "unit_exists", u))));
      } else if (ea && eb) {
        const [pa, pb] = [or(a.unitParent.get(u)), or(b.unitParent.get(u))];
        if (pa !== pb) {
          change("unit-moved", u, pa, pb,
            first(eventOf(began(fact(b, "unit_parent", u))), eventOf(ended(fact(a, "unit_parent", u)))));
        }
        const [na, nb] = [or(a.unitName.get(u)), or(b.unitName.get(u))];
        if (na !== nb) change("unit-renamed", u, na, nb, eventOf(began(fact(b, "unit_name", u))));
      }
    }

    for (const r of roles) {
      const [ea, eb] = [aRoles.has(r), bRoles.has(r)];
      if (!ea && eb) {
        change("role-created", r, null, or(b.roleUnit.get(r)), eventOf(began(fact(b, "role_exists", r))));
      } else if (ea && !eb) {
        change("role-eliminated", r, or(a.roleUnit.get(r)), null, eventOf(ended(fact(a, "role_exists", r))));
      } else if (ea && eb) {
        const [ua, ub] = [or(a.roleUnit.get(r)), or(b.roleUnit.get(r))];
        if (ua !== ub) change("role-moved", r, ua, ub, eventOf(began(fact(b, "role_unit", r))));
        const [ta, tb] = [or(a.roleTitle.get(r)), or(b.roleTitle.get(r))];
        if (ta !== tb) change("role-retitled", r, ta, tb, eventOf(began(fact(b, "role_title", r))));
        const [la, lb] = [or(a.line.get(r)), or(b.line.get(r))];
        if (la !== lb) {
          // An explicit line set or cleared in between, or the role's own
          // move; a line derived from other units' heads has no event.
          change("line-changed", r, la, lb, first(eventOf(after(began(fact(b, "line_set", r)), from)),
            eventOf(ended(fact(a, "line_set", r))), eventOf(after(began(fact(b, "role_unit", r)), from))));
        }
      }
      // Holders: who held the role on each day (none where it is gone).
      const ha = ea ? a.holders.get(r) || [] : [];
      const hb = eb ? b.holders.get(r) || [] : [];
      for (const h of ha) {
        if (hb.some((x) => x.person === h.person)) continue;
        // Ended by its own end, or else by the role's.
        const end = h.fact.until !== null ? ended(h.fact) : ended(fact(a, "role_exists", r));
        change("left", h.person, r, null, eventOf(end));
      }
      for (const h of hb) {
        const before = ha.find((x) => x.person === h.person);
        if (before && before.acting === h.acting) continue;
        change("appointed", h.person, null, r, eventOf(began(h.fact)), h.acting ? { acting: true } : {});
      }
    }

    for (const p of people) {
      const [na, nb] = [or(a.personName.get(p)), or(b.personName.get(p))];
      if (na !== nb) change("person-renamed", p, na, nb, eventOf(began(fact(b, "person_name", p))));
    }

    // Attributes of the records that exist on `to`, key by key.
    const attrs = (id, exists) => {
      const [va, vb] = [exists[0] ? a.attrs.get(id) : undefined, exists[1] ? b.attrs.get(id) : undefined];
      const keys = new Set([...(va ? va.keys() : []), ...(vb ? vb.keys() : [])]);
      for (const key of [...keys].sort()) {
        const [fa, fb] = [va && va.get(key), vb && vb.get(key)];
        const [xa, xb] = [fa ? fa.value : null, fb ? fb.value : null];
        if (xa === xb || !exists[1]) continue;
        change("attribute-changed", id, xa, xb, first(eventOf(began(fb)), eventOf(ended(fa))), { key: key });
      }
    };
    for (const u of units) attrs(u, [aUnits.has(u), bUnits.has(u)]);
    for (const r of roles) attrs(r, [aRoles.has(r), bRoles.has(r)]);
    for (const p of people) attrs(p, [true, true]);

    // Dotted lines that hold on one day and not the other.
    for (const r of roles) {
      const [da, db] = [a.dottedFacts.get(r) || [], b.dottedFacts.get(r) || []];
      for (const f of da) {
        if (db.some((x) => x.object === f.object)) continue;
        change("dotted-line-changed", r, f.object, null,
          first(eventOf(ended(f)), eventOf(ended(fact(a, "role_exists", r)))));
      }
      for (const f of db) {
        if (da.some((x) => x.object === f.object)) continue;
        change("dotted-line-changed", r, null, f.object, eventOf(began(f)));
      }
    }

    // In `diff`'s order: by kind, then as found (a stable sort).
    out.sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));
    // A departure in an event that gave the person another role they
    // still hold on `to` was a move: that role.
    const held = heldBy(b);
    for (const c of out) {
      c.letter = LETTERS[c.kind];
      if (c.kind !== "left" || c.event === null) continue;
      const taken = (held.get(c.subject) || []).find((h) => eventOf(began(h.fact)) === c.event);
      if (taken) c.moved_to = taken.fact.object;
    }
    const kept = (id) => a.kept.has(id) || b.kept.has(id);
    const changes = data.scope === null ? out : out.filter((c) => kept(c.subject));
    const moves = peopleChanges(a, b, from, aRoles, bRoles);
    return { changes: changes, people: data.scope === null ? moves : moves.filter((c) => kept(c.person)) };
  }

  // ---- The people view: whose main role, unit or manager changed. ----

  // A person's main holding on a day: of the roles they hold that exist,
  // the one not acting, held longest (from always first).
  function mainHolding(held, person, exists) {
    let best = null;
    for (const h of held.get(person) || []) {
      const role = h.fact.object;
      if (!exists.has(role)) continue;
      const rank = [h.acting ? 1 : 0, h.from || ""];
      if (best === null || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && rank[1] < best.rank[1])) {
        best = { role: role, holding: h, rank: rank };
      }
    }
    return best;
  }

  // Where a person is: the role, its unit, its manager role and the first
  // holder of that role, and whether they act.
  function placeOf(s, main) {
    const manager = s.line.get(main.role) || null;
    const bosses = manager === null ? [] : s.holders.get(manager) || [];
    return {
      role: main.role,
      unit: s.roleUnit.get(main.role) || null,
      manager: manager,
      reports_to: bosses.length > 0 ? bosses[0].person : null,
      acting: main.holding.acting,
    };
  }

  function peopleChanges(a, b, from, aRoles, bRoles) {
    const [heldA, heldB] = [heldBy(a), heldBy(b)];
    const out = [];
    for (const p of people) {
      const [ma, mb] = [mainHolding(heldA, p, aRoles), mainHolding(heldB, p, bRoles)];
      const [pa, pb] = [ma && placeOf(a, ma), mb && placeOf(b, mb)];
      let kind = null;
      if (!pa && pb) kind = "hired";
      else if (pa && !pb) kind = "left";
      else if (pa && pb && pa.unit !== pb.unit) kind = "moved";
      else if (pa && pb && pa.role !== pb.role) kind = "new-role";
      else if (pa && pb && (pa.manager !== pb.manager || pa.reports_to !== pb.reports_to)) kind = "new-manager";
      if (kind === null) continue;
      // What made it: the new main holding began, else the old ended,
      // else (a new manager or a moved role) its role moved, its line was
      // set or its manager's holder changed in between.
      const started = mb ? after(began(mb.holding.fact), from) : null;
      const stopped = ma ? ended(ma.holding.fact) : null;
      let changed = null;
      if (pb) {
        const bosses = pb.manager === null ? [] : b.holders.get(pb.manager) || [];
        const stamps = [began(fact(b, "role_unit", pb.role)), began(fact(b, "line_set", pb.role)),
          bosses.length > 0 ? began(bosses[0].fact) : null];
        changed = stamps.map((st) => after(st, from)).find((st) => st !== null) || null;
      }
      const event = eventOf(started || stopped || changed);
      out.push({ person: p, kind: kind, before: pa, after: pb, event: event, letter: PEOPLE[kind] });
    }
    return out;
  }

  return diffDays;
}
