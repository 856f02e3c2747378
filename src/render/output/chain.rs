//! `chain`: the chains of command above a record, one per role it holds.
//! CSV: one row per step of each chain.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Holder, HolderCols, LineOut, Named, RoleRef, opt_text, text};
use crate::ids::Key;
use crate::query::{Chains, Found, Step as QueryStep};

#[derive(Serialize, JsonSchema)]
pub struct Chain<'a> {
    pub date: String,
    /// Named on the day (a role by its title).
    pub subject: super::Subject<'a>,
    pub chains: Vec<ChainOut<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct ChainOut<'a> {
    pub from_role: Option<&'a Key>,
    /// From the bottom up.
    pub steps: Vec<Step<'a>>,
}

#[derive(Serialize, JsonSchema)]
pub struct Step<'a> {
    pub role: RoleRef<'a>,
    pub unit: Option<Named<'a>>,
    pub status: &'static str,
    pub holder: Option<Holder<'a>>,
    /// Everyone holding the role (several, for a role of several seats).
    pub holders: Vec<Holder<'a>>,
    /// `null` at the top.
    pub line: Option<LineOut<'a>>,
    /// Not in the JSON: the name of the line's ancestor unit, for CSV.
    #[serde(skip)]
    pub ancestor_name: Option<&'a str>,
}

impl<'a> Chain<'a> {
    pub fn new(c: &Chains<'a>) -> Self {
        let state = &c.state;
        let h = state.history;
        let day = state.day;
        let step = |s: &QueryStep<'a>| Step {
            role: RoleRef::new(h, s.role, day),
            unit: s.unit.map(|u| Named::unit(h, u, day)),
            status: s.occupancy.status(),
            holder: Holder::of(h, &s.occupancy, day),
            holders: s
                .seated
                .iter()
                .filter_map(|o| Holder::of(h, o, day))
                .collect(),
            line: s.line.as_ref().map(|l| LineOut::new(h, l)),
            ancestor_name: match s.line.map(|l| l.rule) {
                Some(crate::query::LineRule::HeadOfAncestor(u)) => Some(h.unit_name(u, day)),
                _ => None,
            },
        };
        Chain {
            date: day.to_string(),
            subject: super::Subject {
                kind: c.subject.noun(),
                id: c.subject.key(h),
                name: match c.subject {
                    Found::Person(p) => h.person_name(p, day),
                    Found::Unit(u) => h.unit_name(u, day),
                    Found::Role(r) => h.role_title(r, day),
                },
            },
            chains: c
                .chains
                .iter()
                .map(|chain| ChainOut {
                    from_role: chain.steps.first().map(|s| &h.role(s.role).key),
                    steps: chain.steps.iter().map(step).collect(),
                })
                .collect(),
        }
    }
}

/// `chain` as CSV: one row per [`Step`]; `chain` counts the chains, `step`
/// counts from 1 at the bottom.
#[derive(Serialize, Default, JsonSchema)]
pub struct StepRow {
    pub chain: usize,
    pub step: usize,
    pub person_id: String,
    pub person_name: String,
    pub status: &'static str,
    pub acting: bool,
    pub role_id: String,
    pub role_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub since: String,
    pub uncertain: bool,
    pub reports_to_role: String,
    pub rule: String,
    pub ancestor_id: String,
    pub ancestor_name: String,
}

impl StepRow {
    pub fn new(chain: usize, step: usize, s: &Step) -> Self {
        let holder = HolderCols::new(s.holder.as_ref());
        StepRow {
            chain,
            step,
            person_id: holder.person_id,
            person_name: holder.person_name,
            status: s.status,
            acting: holder.acting,
            role_id: text(s.role.id.as_str()),
            role_title: text(s.role.title),
            unit_id: opt_text(s.unit.as_ref().map(|u| u.id.as_str())),
            unit_name: opt_text(s.unit.as_ref().map(|u| u.name)),
            since: holder.since,
            uncertain: holder.uncertain,
            reports_to_role: opt_text(s.line.as_ref().map(|l| l.to.as_str())),
            rule: s
                .line
                .as_ref()
                .map(|l| l.rule.to_string())
                .unwrap_or_default(),
            ancestor_id: opt_text(s.line.as_ref().and_then(|l| l.ancestor).map(Key::as_str)),
            ancestor_name: opt_text(s.ancestor_name),
        }
    }

    pub fn list(c: &Chains) -> Vec<Self> {
        Chain::new(c)
            .chains
            .iter()
            .enumerate()
            .flat_map(|(i, ch)| {
                ch.steps
                    .iter()
                    .enumerate()
                    .map(move |(k, s)| StepRow::new(i + 1, k + 1, s))
            })
            .collect()
    }
}
