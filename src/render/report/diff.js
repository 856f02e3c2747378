// orgctl report --html: what changed between any two days, computed in the
// page from the embedded facts as `orgctl diff FROM TO` finds it (see
// src/query/diff.rs and src/query/people.rs, which this mirrors): the same
// kinds, letters, subjects, before and after, in the same order. The page
// holds `diff`'s own answer for each event's day (from the day before);
// a change between two other days is linked to its event through them:
// the event of the same change on the day the fact that made it began (or
// the day after the one it replaced ended), as `diff` links it.
"use strict";

// `stateOn(day)` is the page's state on a day (report.js); `dayAfter(day)`
// the next day. Returns `diffDays(from, to)`: {changes, people}, each
// change and person change shaped as the page's `changes` data.
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
  // people by their first fact (the facts are written record by record).
  const units = data.units.map((u) => u.id);
  const roles = [];
  const people = [];
  const seen = new Set();
  for (const f of data.facts) {
    const list = f.kind === "role_exists" ? roles : f.kind === "person_name" ? people : null;
    if (list && !seen.has(f.subject)) {
      seen.add(f.subject);
      list.push(f.subject);
    }
  }
  for (const f of data.facts) {
    if (f.kind === "holds" && !seen.has(f.subject)) {
      seen.add(f.subject);
      people.push(f.subject);
    }
  }

  const precomputed = new Map(data.changes.map((d) => [d.to, d]));
  const eventsOn = new Map();
  for (const ev of data.events) {
    if (!eventsOn.has(ev.day)) eventsOn.set(ev.day, []);
    eventsOn.get(ev.day).push(ev.id);
  }

  // The first day of a fact, and the day after its last (when it ended).
  const began = (f) => (f ? f.from : null);
  const ended = (f) => (f && f.until !== null ? dayAfter(f.until) : null);

  // The event of change `c` made on `day` (a day an event happened, or
  // null): `diff`'s answer for that day, for the same change, else the
  // same record, else the one event of that day.
  function eventOn(day, c, same) {
    const known = day === null ? undefined : precomputed.get(day);
    if (!known) return { event: null };
    const list = same === "person" ? known.people : known.changes;
    const subject = (x) => (same === "person" ? x.person : x.subject);
    const exact = list.find((x) => x.kind === c.kind && subject(x) === subject(c) &&
      (same !== "both" || (x.before === c.before && x.after === c.after)) &&
      (x.key || null) === (c.key || null));
    const near = exact || list.find((x) => subject(x) === subject(c));
    if (near) return near;
    const events = eventsOn.get(day) || [];
    return { event: events.length === 1 ? events[0] : null };
  }

  // The event of `c`: the first of `days` (in `diff`'s order) that names one.
  function link(c, days, same) {
    for (const day of days) {
      const found = eventOn(day, c, same);
      if (found.event !== null) {
        c.event = found.event;
        return found;
      }
    }
    return { event: null };
  }

  const fact = (s, kind, id) => s.fact.get(kind + "\u0000" + id);

  function diffDays(from, to) {
    const a = stateOn(from);
    const b = stateOn(to);
    const aUnits = new Set(a.units);
    const bUnits = new Set(b.units);
    const aRoles = new Set(a.roles);
    const bRoles = new Set(b.roles);
    const out = [];
    const change = (kind, subject, before, after, extra) => {
      const c = Object.assign({ kind: kind, subject: subject, before: before, after: after, event: null }, extra);
      out.push(c);
      return c;
    };
    const or = (x) => (x === undefined ? null : x);

    for (const u of units) {
      const [ea, eb] = [aUnits.has(u), bUnits.has(u)];
      if (!ea && eb) {
        link(change("unit-created", u, null, or(b.unitParent.get(u))), [began(fact(b, "unit_exists", u))]);
      } else if (ea && !eb) {
        const c = change("unit-dissolved", u, or(a.unitParent.get(u)), null);
        // Which unit it was dissolved into: as `diff` said on its day.
        const found = link(c, [ended(fact(a, "unit_exists", u))]);
        if (found.kind === c.kind && found.after && bUnits.has(found.after)) c.after = found.after;
      } else if (ea && eb) {
        const [pa, pb] = [or(a.unitParent.get(u)), or(b.unitParent.get(u))];
        if (pa !== pb) {
          link(change("unit-moved", u, pa, pb),
            [began(fact(b, "unit_parent", u)), ended(fact(a, "unit_parent", u))]);
        }
        const [na, nb] = [or(a.unitName.get(u)), or(b.unitName.get(u))];
        if (na !== nb) link(change("unit-renamed", u, na, nb), [began(fact(b, "unit_name", u))]);
      }
    }

    for (const r of roles) {
      const [ea, eb] = [aRoles.has(r), bRoles.has(r)];
      if (!ea && eb) {
        link(change("role-created", r, null, or(b.roleUnit.get(r))), [began(fact(b, "role_exists", r))]);
      } else if (ea && !eb) {
        link(change("role-eliminated", r, or(a.roleUnit.get(r)), null), [ended(fact(a, "role_exists", r))]);
      } else if (ea && eb) {
        const [ua, ub] = [or(a.roleUnit.get(r)), or(b.roleUnit.get(r))];
        if (ua !== ub) link(change("role-moved", r, ua, ub), [began(fact(b, "role_unit", r))]);
        const [ta, tb] = [or(a.roleTitle.get(r)), or(b.roleTitle.get(r))];
        if (ta !== tb) link(change("role-retitled", r, ta, tb), [began(fact(b, "role_title", r))]);
        const [la, lb] = [or(a.line.get(r)), or(b.line.get(r))];
        if (la !== lb) {
          const after = (d) => (d !== null && d > from ? d : null);
          link(change("line-changed", r, la, lb), [after(began(fact(b, "reports_to", r))),
            ended(fact(a, "reports_to", r)), after(began(fact(b, "role_unit", r)))]);
        }
      }
      // Holders: who held the role on each day (none where it is gone).
      const ha = ea ? a.holders.get(r) || [] : [];
      const hb = eb ? b.holders.get(r) || [] : [];
      for (const h of ha) {
        if (hb.some((x) => x.person === h.person)) continue;
        const c = change("left", h.person, r, null);
        const found = link(c, [ended(h.fact) || ended(fact(a, "role_exists", r))], "both");
        // A move in the same event: the role taken then and still held.
        const moved = found.moved_to;
        if (moved && (b.holders.get(moved) || []).some((x) => x.person === h.person)) c.moved_to = moved;
      }
      for (const h of hb) {
        const before = ha.find((x) => x.person === h.person);
        if (before && before.acting === h.acting) continue;
        const c = change("appointed", h.person, null, r, h.acting ? { acting: true } : {});
        link(c, [began(h.fact)], "both");
      }
    }

    for (const p of people) {
      const [na, nb] = [or(a.personName.get(p)), or(b.personName.get(p))];
      if (na !== nb) link(change("person-renamed", p, na, nb), [began(fact(b, "person_name", p))]);
    }

    // Attributes of the records that exist on `to`, key by key.
    const attrs = (id, exists) => {
      const [va, vb] = [exists[0] ? a.attrs.get(id) : undefined, exists[1] ? b.attrs.get(id) : undefined];
      const keys = new Set([...(va ? va.keys() : []), ...(vb ? vb.keys() : [])]);
      for (const key of [...keys].sort()) {
        const [fa, fb] = [va && va.get(key), vb && vb.get(key)];
        const [xa, xb] = [fa ? fa.value : null, fb ? fb.value : null];
        if (xa === xb || !exists[1]) continue;
        link(change("attribute-changed", id, xa, xb, { key: key }), [began(fb), ended(fa)]);
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
        link(change("dotted-line-changed", r, f.object, null),
          [ended(f) || ended(fact(a, "role_exists", r))], "both");
      }
      for (const f of db) {
        if (da.some((x) => x.object === f.object)) continue;
        link(change("dotted-line-changed", r, null, f.object), [began(f)], "both");
      }
    }

    // In `diff`'s order: by kind, then as found (a stable sort).
    out.sort((x, y) => ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind));
    for (const c of out) c.letter = LETTERS[c.kind];
    return { changes: out, people: peopleChanges(a, b, from) };
  }

  // ---- The people view: whose main role, unit or manager changed. ----

  // A person's main holding on a day: of the roles they hold that exist,
  // the one not acting, held longest (from always first).
  function mainHolding(s, person, exists) {
    let best = null;
    for (const [role, list] of s.holders) {
      if (!exists.has(role)) continue;
      for (const h of list) {
        if (h.person !== person) continue;
        const rank = [h.acting ? 1 : 0, h.from || ""];
        if (best === null || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && rank[1] < best.rank[1])) {
          best = { role: role, holding: h, rank: rank };
        }
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

  function peopleChanges(a, b, from) {
    const [aRoles, bRoles] = [new Set(a.roles), new Set(b.roles)];
    const out = [];
    for (const p of people) {
      const [ma, mb] = [mainHolding(a, p, aRoles), mainHolding(b, p, bRoles)];
      const [pa, pb] = [ma && placeOf(a, ma), mb && placeOf(b, mb)];
      let kind = null;
      if (!pa && pb) kind = "hired";
      else if (pa && !pb) kind = "left";
      else if (pa && pb && pa.unit !== pb.unit) kind = "moved";
      else if (pa && pb && pa.role !== pb.role) kind = "new-role";
      else if (pa && pb && (pa.manager !== pb.manager || pa.reports_to !== pb.reports_to)) kind = "new-manager";
      if (kind === null) continue;
      const c = { person: p, kind: kind, before: pa, after: pb, event: null, letter: PEOPLE[kind] };
      // The day of what made it: the new main holding began, else the old
      // ended, else (a new manager or a moved role) its role moved, its
      // line was set or its manager's holder changed in between.
      const later = (d) => (d !== null && d > from ? d : null);
      const days = [later(began(mb && mb.holding.fact)), ended(ma && ma.holding.fact)];
      if (pb) {
        const boss = pb.manager === null ? [] : b.holders.get(pb.manager) || [];
        days.push(later(began(fact(b, "role_unit", pb.role))), later(began(fact(b, "reports_to", pb.role))),
          later(boss.length > 0 ? boss[0].from : null));
      }
      const day = days.find((d) => d !== null);
      if (day !== undefined) link(c, [day], "person");
      out.push(c);
    }
    return out;
  }

  return diffDays;
}
