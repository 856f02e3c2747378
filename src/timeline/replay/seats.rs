//! Holders taking and leaving the seats of a role: one seat (`appoint`
//! replaces the holder), or several (`seats = N` or `"any"`: `appoint`
//! adds a holder, in the lowest free seat, and `leave` ends that person's
//! holding only).

use crate::check::codes::{Code, help};
use crate::ids::{PersonId, RoleId};

use super::super::{Holding, Stamp, Tenure, Timeline};
use super::apply::Replayer;
use super::resolve::ChangeSpans;

impl Replayer<'_> {
    /// `holding` takes a seat of `role` from `stamp` (replacing the holder
    /// of a role of one seat); the caller checked that one is free.
    pub(super) fn seat(&mut self, role: RoleId, holding: Holding, stamp: Stamp) {
        let r = &mut self.h.roles[role.index()];
        if let Some(rare) = r.rare.existing_mut() {
            rare.unrecorded.end(stamp);
        }
        let seat = if r.seats.is_single() {
            self.now.hold(role, holding);
            0
        } else {
            let (seat, new) = self.now.sit(role, holding.person);
            if new && seat > 0 {
                r.rare.extra.push(Timeline::default());
            }
            seat
        };
        let index = r.seat_mut(seat).begin(holding, stamp) as u32;
        let tenure = Tenure { role, seat, index };
        self.h.people[holding.person.index()].tenures.push(tenure);
    }

    /// `appoint` to a role of several seats: adds a holder, if the person
    /// holds none of its seats and one is free.
    pub(super) fn appoint_to_seats(
        &mut self,
        holding: Holding,
        role: RoleId,
        stamp: Stamp,
        spans: &ChangeSpans,
    ) {
        let r = &self.h.roles[role.index()];
        let who = &self.h.people[holding.person.index()].key;
        if let Some(seat) = self.now.seat_of(holding.person, role) {
            let since = r
                .seat(seat)
                .intervals()
                .last()
                .map(|iv| self.describe_stamp(iv.from))
                .unwrap_or_default();
            let msg = format!("'{who}' already holds role '{}'", r.key);
            let help = Some(help::already_appointed(&since));
            self.error(Code::AlreadySo, &spans.whole, msg, help);
            return;
        }
        let filled = self.now.filled(role);
        if !r.seats.admits(filled + 1) {
            // By the day they took it: the longest-serving first.
            let mut open: Vec<_> = r
                .seat_timelines()
                .filter_map(|t| t.intervals().last().filter(|iv| iv.until.is_none()))
                .collect();
            open.sort_by_key(|iv| iv.from.day());
            let holders: Vec<&str> = open
                .iter()
                .map(|iv| self.h.people[iv.value.person.index()].key.as_str())
                .collect();
            let on = stamp.date.map_or(String::new(), |d| format!(" on {d}"));
            let msg = format!(
                "role '{}' has {} seats, all filled{on} (by {}): '{who}' cannot be appointed",
                r.key,
                r.seats,
                holders.join(", ")
            );
            let help = Some(help::seats_full(r.key.as_str(), &holders));
            self.error(Code::SeatsFull, &spans.whole, msg, help);
            return;
        }
        self.seat(role, holding, stamp);
    }

    /// `person` leaves `seat` of `role` from `stamp`.
    pub(super) fn unseat(&mut self, person: PersonId, role: RoleId, seat: u32, stamp: Stamp) {
        self.h.roles[role.index()].seat_mut(seat).end(stamp);
        self.now.rise(role, seat, person);
    }

    /// Every holder of `role` leaves it from `stamp` (it is eliminated).
    pub(super) fn unseat_all(&mut self, role: RoleId, stamp: Stamp) {
        let r = &mut self.h.roles[role.index()];
        let people: Vec<PersonId> = r
            .rare
            .extra
            .iter()
            .chain(std::iter::once(&r.holder))
            .filter_map(|t| t.current().map(|h| h.person))
            .collect();
        r.holder.end(stamp);
        if let Some(rare) = r.rare.existing_mut() {
            for t in &mut rare.extra {
                t.end(stamp);
            }
        }
        if r.seats.is_single() {
            self.now.unhold(role);
        } else {
            self.now.rise_all(role, &people);
        }
    }
}
